"use client";

import { Button, Select, SelectItem, TextInput } from "@/components/carbon";
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
          <Button kind="ghost" size="md" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove<span className="cds--visually-hidden"> name {i + 1}</span>
          </Button>
        </div>
      ))}
      {listError && (
        <div className="cds--form-requirement field-error" role="alert">
          {listError}
        </div>
      )}
      <Button kind="tertiary" size="sm" onClick={() => onChange([...rows, { type: "DNS", value: "" }])}>
        Add a name
      </Button>
    </fieldset>
  );
}
