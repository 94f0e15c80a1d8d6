"use client";

import { Select, SelectItem } from "@/components/carbon";
import { parseStoreRef, type StoreKind } from "@/lib/tls/store-ref";

export interface StoreChoice {
  name: string;
  title: string;
  /** A state the choice is in that a profile cannot use yet, said after its name. */
  note?: string;
}

interface Props {
  kind: StoreKind;
  id: string;
  labelText: string;
  helperText?: string;
  choices: StoreChoice[];
  /** The stored reference: a keystore/truststore URL or name. */
  value: string | null | undefined;
  onChange: (next: string | null) => void;
  required?: boolean;
  invalidText?: string;
}

/** Picks a keystore or truststore of this organization; optional pickers offer "None". */
export function StoreSelect({
  kind,
  id,
  labelText,
  helperText,
  choices,
  value,
  onChange,
  required,
  invalidText,
}: Props) {
  return (
    <Select
      id={id}
      labelText={labelText}
      helperText={helperText}
      value={value ? parseStoreRef(kind, value).name : ""}
      onChange={(e) => onChange(e.target.value || null)}
      invalid={!!invalidText}
      invalidText={invalidText}
    >
      <SelectItem value="" text={required ? "Choose…" : "None"} />
      {choices.map((c) => (
        <SelectItem key={c.name} value={c.name} text={`${c.title} (${c.name})${c.note ? ` – ${c.note}` : ""}`} />
      ))}
    </Select>
  );
}
