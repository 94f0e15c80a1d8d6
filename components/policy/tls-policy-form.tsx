"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  Button,
  Checkbox,
  InlineLoading,
  InlineNotification,
  NumberInput,
  Select,
  SelectItem,
  Stack,
  Toggle,
} from "@/components/carbon";
import { previewTlsPolicyAction, saveTlsPolicyAction } from "@/app/actions/tls-policy";
import { ComplianceTable } from "@/components/policy/compliance-table";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import { CIPHER_WEAKNESSES, type CipherWeakness, WEAKNESS_LABELS } from "@/lib/tls/ciphers";
import { blockedSummary, type ComplianceReport } from "@/lib/tls/policy/compliance";
import { PROTOCOL_LABELS, TLS_PROTOCOLS, type TlsProtocol } from "@/lib/tls/protocols";
import { CERTIFICATE_DAYS_RANGE, EC_CURVES, type EcCurve, RSA_BITS_RANGE, type TlsPolicy } from "@/lib/tls/tls-policy";

/** The form's state: number fields as typed (empty = no limit), everything else as the policy holds it. */
type Draft = Omit<TlsPolicy, "minimum_rsa_bits" | "maximum_certificate_days"> & {
  minimum_rsa_bits: string;
  maximum_certificate_days: string;
};

const toDraft = (p: TlsPolicy): Draft => ({
  ...p,
  minimum_rsa_bits: p.minimum_rsa_bits === null ? "" : String(p.minimum_rsa_bits),
  maximum_certificate_days: p.maximum_certificate_days === null ? "" : String(p.maximum_certificate_days),
});
const toPolicy = (d: Draft): TlsPolicy => ({
  ...d,
  minimum_rsa_bits: d.minimum_rsa_bits === "" ? null : Number(d.minimum_rsa_bits),
  maximum_certificate_days: d.maximum_certificate_days === "" ? null : Number(d.maximum_certificate_days),
});
const toggled = <T,>(list: readonly T[], item: T, on: boolean) =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** The proposed policy settles for a moment before it is judged, so typing "3072" asks once, not four times. */
function useSettled<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Settings → TLS policy: the rules, and below them every object they refuse — for the policy in force, or live for
 * the unsaved one ("switching this on would block edits to 3 profiles") before anything is saved.
 */
/** The on/off rules, in the order the form lists them. */
const RULE_SWITCHES = [
  [
    "require_extended_key_usage",
    "Require the matching extended key usage (clientAuth for client profiles, serverAuth for server profiles)",
  ],
  ["forbid_insecure_server_connections", "Forbid insecure server connections"],
  ["forbid_sni_off", "Forbid turning Server Name Indication off"],
] as const satisfies readonly (readonly [keyof TlsPolicy, string])[];

export function TlsPolicyForm({
  org,
  saved,
  inForce,
  canSave,
}: {
  org: string;
  saved: TlsPolicy;
  inForce: ComplianceReport;
  canSave: boolean;
}) {
  const toast = useToast();
  const [savedPolicy, setSavedPolicy] = useState(saved);
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const saving = useActionMutation(saveTlsPolicyAction);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const proposed = useSettled(toPolicy(draft));
  const dirty = JSON.stringify(proposed) !== JSON.stringify(savedPolicy);
  const compliance = useQuery({
    queryKey: queryKeys.tlsPolicyCompliance(org, proposed),
    queryFn: async () => {
      const r = await previewTlsPolicyAction(org, proposed);
      return r.ok ? { report: r.data, failure: null } : { report: null, failure: r };
    },
    initialData: JSON.stringify(proposed) === JSON.stringify(saved) ? { report: inForce, failure: null } : undefined,
  });
  const previewFailure = compliance.data?.failure ?? null;
  // A refusal of the save, or of the preview (an out-of-range number), is shown at its field.
  const fieldError = (field: string) =>
    saving.fieldError(field) ?? previewFailure?.fieldErrors.find((f) => f.field === field)?.message;
  const fieldProps = (field: string) => ({ invalid: !!fieldError(field), invalidText: fieldError(field) });

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await saving.run(org, toPolicy(draft));
    if (!r.ok) return;
    const { updated_at: _at, updated_by: _by, ...policy } = r.data;
    setSavedPolicy(policy);
    setDraft(toDraft(policy));
    toast({ kind: "success", title: "TLS policy saved" });
  };

  const report = compliance.data?.report ?? null;
  return (
    <Stack gap={7}>
      <form onSubmit={onSubmit} noValidate aria-label="TLS policy">
        <fieldset disabled={!canSave || saving.busy} className="profile-form__fields">
          <Stack gap={6}>
            {!canSave && (
              <InlineNotification
                kind="info"
                lowContrast
                hideCloseButton
                title="Read only"
                subtitle="Only owners and administrators (TLS policy: Manage) can change the policy."
              />
            )}
            {saving.failure && !saving.failure.fieldErrors.length && (
              <InlineNotification
                kind="error"
                title="Not saved"
                subtitle={failureText(saving.failure)}
                role="alert"
                onClose={saving.dismiss}
              />
            )}
            <Select
              id="minimum_protocol"
              labelText="Minimum protocol"
              helperText="Profiles may not enable an older protocol."
              value={draft.minimum_protocol ?? ""}
              onChange={(e) => set("minimum_protocol", (e.target.value || null) as TlsProtocol | null)}
              {...fieldProps("minimum_protocol")}
            >
              <SelectItem value="" text="No minimum" />
              {TLS_PROTOCOLS.map((p) => (
                <SelectItem key={p} value={p} text={PROTOCOL_LABELS[p]} />
              ))}
            </Select>
            <fieldset className="cds--fieldset">
              <legend className="cds--label">Forbidden suite classes</legend>
              {CIPHER_WEAKNESSES.map((w) => (
                <Checkbox
                  key={w}
                  id={`forbidden_suite_classes-${w}`}
                  labelText={WEAKNESS_LABELS[w]}
                  checked={draft.forbidden_suite_classes.includes(w)}
                  onChange={(_e, { checked }) =>
                    set("forbidden_suite_classes", toggled<CipherWeakness>(draft.forbidden_suite_classes, w, checked))
                  }
                />
              ))}
            </fieldset>
            <NumberInput
              id="minimum_rsa_bits"
              label="Minimum RSA key size (bits)"
              helperText={`Empty: no minimum beyond the ${RSA_BITS_RANGE.min} bits every key needs.`}
              allowEmpty
              min={RSA_BITS_RANGE.min}
              max={RSA_BITS_RANGE.max}
              step={1024}
              value={draft.minimum_rsa_bits}
              onChange={(_e, { value }) => set("minimum_rsa_bits", String(value ?? ""))}
              {...fieldProps("minimum_rsa_bits")}
            />
            <fieldset className="cds--fieldset">
              <legend className="cds--label">Allowed EC curves</legend>
              {EC_CURVES.map((c) => (
                <Checkbox
                  key={c}
                  id={`allowed_curves-${c}`}
                  labelText={c}
                  checked={draft.allowed_curves.includes(c)}
                  onChange={(_e, { checked }) =>
                    set("allowed_curves", toggled<EcCurve>(draft.allowed_curves, c, checked))
                  }
                />
              ))}
            </fieldset>
            <Toggle
              id="allow_ed25519"
              labelText="Ed25519 keys"
              labelA="Not allowed"
              labelB="Allowed"
              toggled={draft.allow_ed25519}
              onToggle={(on) => set("allow_ed25519", on)}
            />
            <NumberInput
              id="maximum_certificate_days"
              label="Maximum certificate lifetime (days)"
              helperText="Empty: no maximum. Public CAs issue at most 398 days."
              allowEmpty
              min={CERTIFICATE_DAYS_RANGE.min}
              max={CERTIFICATE_DAYS_RANGE.max}
              value={draft.maximum_certificate_days}
              onChange={(_e, { value }) => set("maximum_certificate_days", String(value ?? ""))}
              {...fieldProps("maximum_certificate_days")}
            />
            {RULE_SWITCHES.map(([key, label]) => (
              <Toggle
                key={key}
                id={key}
                labelText={label}
                labelA="Off"
                labelB="On"
                toggled={draft[key]}
                onToggle={(on) => set(key, on)}
              />
            ))}
            {canSave && (
              <div>
                {saving.busy ? <InlineLoading description="Saving…" /> : <Button type="submit">Save policy</Button>}
              </div>
            )}
          </Stack>
        </fieldset>
      </form>
      <section aria-labelledby="compliance-title" aria-busy={compliance.isFetching}>
        <h2 id="compliance-title">
          {dirty ? "What the unsaved policy would refuse" : "What the policy in force refuses"}
        </h2>
        {compliance.isFetching && !report ? (
          <InlineLoading description="Checking every profile and keystore…" />
        ) : report ? (
          <Stack gap={5}>
            <InlineNotification
              kind={report.total_results ? "warning" : "success"}
              lowContrast
              hideCloseButton
              title={dirty ? "Preview" : "Compliance"}
              subtitle={blockedSummary(report, dirty)}
            />
            {report.results.length > 0 && (
              <ComplianceTable
                org={org}
                results={report.results}
                label={dirty ? "Objects the unsaved policy would refuse" : "Objects the policy in force refuses"}
              />
            )}
            {report.total_results > report.results.length && (
              <p>
                Showing the first {report.results.length} of {report.total_results}; the REST API lists them all (GET
                /api/orgs/{org}/tls-policy/violations).
              </p>
            )}
          </Stack>
        ) : (
          <p>Fix the fields marked above to see what this policy would refuse.</p>
        )}
      </section>
    </Stack>
  );
}
