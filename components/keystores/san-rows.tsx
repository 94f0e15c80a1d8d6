"use client";

import { Button, Select, SelectItem, TextInput } from "@/components/carbon";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { SanType } from "@/lib/tls/key-request";
import styles from "./keystores.module.scss";

export interface SanRow {
  type: SanType;
  value: string;
}

interface Props {
  rows: SanRow[];
  types: readonly SanType[];
  /** Row index → what is wrong with it. */
  errors: Record<number, string>;
  /** A problem of the whole list (too many, a duplicate). */
  listError?: string;
  onChange: (rows: SanRow[]) => void;
}

const PLACEHOLDER: Record<SanType, string> = {
  DNS: "api.example.com",
  IP: "10.0.0.5",
  email: "ops@example.com",
  URI: "spiffe://example.com/gateway",
};

/** Subject alternative names as rows of type and value, each removable, each with its own error. */
export function SanRows({ rows, types, errors, listError, onChange }: Props) {
  const update = (i: number, row: Partial<SanRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  // Adding a row puts the caret in it; removing one moves focus to the row that took its place (or "Add a name"),
  // not to the page's start where the removed button's focus would fall.
  const focusAfter = useReturnFocus();
  const add = () => {
    focusAfter(() => document.getElementById(`san-value-${rows.length}`));
    onChange([...rows, { type: "DNS", value: "" }]);
  };
  const remove = (i: number) => {
    focusAfter(() =>
      i < rows.length - 1 ? document.getElementById(`san-remove-${i}`) : document.getElementById("san-add"),
    );
    onChange(rows.filter((_, j) => j !== i));
  };
  return (
    <fieldset className={styles.group}>
      <legend className="cds--label">Subject alternative names</legend>
      <p className="cds--label-description">
        Clients check the host name against these. The common name is offered as the first DNS name.
      </p>
      {rows.map((row, i) => (
        <div key={i} className={styles.sanRow}>
          <Select
            id={`san-type-${i}`}
            labelText={`Type of name ${i + 1}`}
            hideLabel
            value={row.type}
            onChange={(e) => update(i, { type: e.target.value as SanType })}
          >
            {types.map((t) => (
              <SelectItem key={t} value={t} text={t} />
            ))}
          </Select>
          <TextInput
            id={`san-value-${i}`}
            labelText={`Name ${i + 1}`}
            hideLabel
            placeholder={PLACEHOLDER[row.type]}
            value={row.value}
            invalid={!!errors[i]}
            invalidText={errors[i]}
            onChange={(e) => update(i, { value: e.target.value })}
          />
          <Button id={`san-remove-${i}`} kind="ghost" size="md" onClick={() => remove(i)}>
            Remove<span className="cds--visually-hidden"> name {i + 1}</span>
          </Button>
        </div>
      ))}
      {listError && (
        <div className="cds--form-requirement field-error" role="alert">
          {listError}
        </div>
      )}
      <Button id="san-add" kind="tertiary" size="sm" onClick={add}>
        Add a name
      </Button>
    </fieldset>
  );
}
