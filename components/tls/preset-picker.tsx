"use client";

import { Button, Select, SelectItem, Tag } from "@/components/carbon";
import { useState } from "react";
import type { CipherName } from "@/lib/tls/ciphers";
import { closestPreset, describePresetDifference, matchesPreset, presetById, TLS_PRESETS } from "@/lib/tls/presets";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";

interface Props {
  protocols: TlsProtocol[];
  ciphers: CipherName[];
  onApply: (protocols: TlsProtocol[], ciphers: CipherName[]) => void;
  readOnly: boolean;
}

/**
 * Picks a dated preset and applies it with a button: applying on change would overwrite both lists each time a
 * keyboard user arrows through the options. Below, which preset the selection matches, or how it differs.
 */
export function PresetPicker({ protocols, ciphers, onApply, readOnly }: Props) {
  const difference = closestPreset(protocols, effectiveCiphers(protocols, ciphers));
  // Opens on the preset the profile is closest to, so the picker and the line below it never disagree.
  const [chosen, setChosen] = useState(difference.preset.id);
  const preset = presetById(chosen)!;
  return (
    <div className="preset-picker">
      {!readOnly && (
        <div className="preset-picker__choose">
          <Select
            id="preset"
            labelText="Preset"
            helperText={preset.description}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
          >
            {TLS_PRESETS.map((p) => (
              <SelectItem key={p.id} value={p.id} text={p.legacy ? `${p.title} (legacy)` : p.title} />
            ))}
          </Select>
          <Button kind="tertiary" size="md" onClick={() => onApply(preset.protocols, preset.ciphers)}>
            Apply preset
          </Button>
        </div>
      )}
      <p className="preset-picker__match" aria-live="polite" data-testid="preset-match">
        {describePresetDifference(difference)}
        {difference.preset.legacy && matchesPreset(difference) && (
          <Tag size="sm" type="red">
            Legacy: weak by design
          </Tag>
        )}
      </p>
    </div>
  );
}
