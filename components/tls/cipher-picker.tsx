"use client";

import { Button, Checkbox, Tag } from "@/components/carbon";
import { CIPHERS, WEAKNESS_LABELS, type CipherInfo, type CipherName } from "@/lib/tls/ciphers";

interface Props {
  value: CipherName[];
  onChange: (next: CipherName[]) => void;
  invalidText?: string;
  disabled?: boolean;
}

const GROUPS: { family: CipherInfo["family"]; legend: string }[] = [
  { family: "tls13", legend: "TLS 1.3 ciphers" },
  { family: "tls12", legend: "TLS 1.0 – 1.2 ciphers" },
];

/** The 40 API Connect suites, grouped by protocol, with TLS 1.3 and weakness tags next to each name. */
export function CipherPicker({ value, onChange, invalidText, disabled }: Props) {
  const chosen = new Set(value);
  const set = (names: CipherName[], on: boolean) =>
    onChange(on ? [...new Set([...value, ...names])] : value.filter((c) => !names.includes(c)));

  return (
    // Focusable by script only: a refused save moves focus here, and the group's description reads the refusal.
    <div
      id="ciphers"
      role="group"
      aria-label="Ciphers"
      tabIndex={-1}
      className="cipher-picker"
      aria-describedby={invalidText ? "ciphers-error" : undefined}
    >
      {GROUPS.map(({ family, legend }) => {
        const group = CIPHERS.filter((c) => c.family === family);
        const strong = group.filter((c) => c.weaknesses.length === 0).map((c) => c.name);
        return (
          <fieldset key={family} className="cds--fieldset cipher-picker__group" disabled={disabled}>
            <legend className="cds--label">{legend}</legend>
            <div className="cipher-picker__bulk">
              <Button
                kind="ghost"
                size="sm"
                onClick={() =>
                  set(
                    group.map((c) => c.name),
                    true,
                  )
                }
              >
                Select all
              </Button>
              {family === "tls12" && (
                <Button
                  kind="ghost"
                  size="sm"
                  onClick={() => onChange([...value.filter((c) => !group.some((g) => g.name === c)), ...strong])}
                >
                  Strong only
                </Button>
              )}
              <Button
                kind="ghost"
                size="sm"
                onClick={() =>
                  set(
                    group.map((c) => c.name),
                    false,
                  )
                }
              >
                Clear
              </Button>
            </div>
            {group.map((c) => (
              <div key={c.name} className="cipher-picker__row">
                <Checkbox
                  id={`cipher-${c.name}`}
                  labelText={<code>{c.name}</code>}
                  checked={chosen.has(c.name)}
                  onChange={(_, { checked }) => set([c.name], checked)}
                />
                {c.family === "tls13" && (
                  <Tag size="sm" type="green">
                    TLS 1.3
                  </Tag>
                )}
                {c.weaknesses.map((w) => (
                  <Tag key={w} size="sm" type="red" title={WEAKNESS_LABELS[w]}>
                    Weak: {WEAKNESS_LABELS[w]}
                  </Tag>
                ))}
              </div>
            ))}
          </fieldset>
        );
      })}
      {invalidText && (
        <div id="ciphers-error" className="cds--form-requirement field-error" role="alert">
          {invalidText}
        </div>
      )}
    </div>
  );
}
