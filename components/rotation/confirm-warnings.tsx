"use client";

import { Checkbox } from "@/components/carbon";

interface Props {
  id: string;
  codes: string[];
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}

/** The explicit confirmation a swap with warnings needs: it names every code it confirms. */
export function ConfirmWarnings({ id, codes, checked, onChange, error }: Props) {
  if (codes.length === 0) return null;
  return (
    <div>
      <Checkbox
        id={id}
        labelText={`I understand: ${codes.join(", ")}`}
        checked={checked}
        onChange={(_, { checked: c }) => onChange(c)}
        invalid={!!error}
        invalidText={error}
      />
    </div>
  );
}
