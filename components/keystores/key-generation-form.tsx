"use client";

import {
  Button,
  ButtonSet,
  InlineLoading,
  InlineNotification,
  RadioButton,
  RadioButtonGroup,
  Select,
  SelectItem,
  Stack,
  TextArea,
  TextInput,
} from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { prepareRotationGenerateAction } from "@/app/actions/keystore-rotation";
import { generateKeystoreAction } from "@/app/actions/keystores";
import { firstInPage } from "@/components/ui/first-in-page";
import type { ActionResult } from "@/lib/errors";
import { useToast } from "@/components/ui/toasts";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import {
  KEY_TYPE_LABELS,
  KEY_TYPES,
  type KeyType,
  type KeyUsage,
  MAX_SELF_SIGNED_DAYS,
  SAN_TYPES,
  type SanType,
} from "@/lib/tls/key-request";
import { slugify } from "@/lib/tls/slug";
import { emptySubject, type RenewalDraft } from "@/lib/tls/renewal-draft";
import { SanRows, type SanRow } from "./san-rows";
import styles from "./keystores.module.scss";

interface Props {
  org: string;
  /** "csr": a key and its signing request, completed later; "self-signed": active at once. */
  mode: "csr" | "self-signed";
  /** A keystore whose next material this key becomes (staged rotation, ADR 026): no title or name to ask. */
  target?: string;
  /** What the form starts from: the current certificate's key type, subject, names and usage, for a renewal. */
  draft?: RenewalDraft;
}

const SUBJECT_FIELDS = [
  ["common_name", "Common name (CN)", "For a server: the host name clients connect to."],
  ["organization", "Organization (O, optional)", ""],
  ["organizational_unit", "Organizational unit (OU, optional)", ""],
  ["locality", "Locality (L, optional)", ""],
  ["state", "State or province (ST, optional)", ""],
  ["country", "Country (C, optional)", "Two letters, for example DE."],
] as const;
type SubjectField = (typeof SUBJECT_FIELDS)[number][0];

const progressText = (keyType: KeyType) =>
  keyType.startsWith("rsa")
    ? `Generating an ${KEY_TYPE_LABELS[keyType]} key can take a few seconds…`
    : `Generating an ${KEY_TYPE_LABELS[keyType]} key…`;

/** The control a refused field is shown at: `generate.subject.country` → `subject_country`, a sent name → its row. */
function controlId(field: string, sent: number[]): string {
  const san = /^generate\.subject_alt_names\.(\d+)$/.exec(field);
  if (san) return `san-value-${sent[Number(san[1])] ?? 0}`;
  return field.replace(/^generate\./, "").replace(/^subject\./, "subject_");
}

/**
 * Create keystore → "Generate key and CSR" or "Self-signed": the key is generated on the server and sealed at once;
 * this form sends only what the request asks for (the same ZKeyRequest the REST API takes).
 */
export function KeyGenerationForm({ org, mode, target, draft }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [meta, setMeta] = useState({ title: "", name: "", summary: "" });
  const [nameTouched, setNameTouched] = useState(false);
  const [keyType, setKeyType] = useState<KeyType>(draft?.key_type ?? "ec-p256");
  const [subject, setSubject] = useState<Record<SubjectField, string>>(draft?.subject ?? emptySubject());
  const [sans, setSans] = useState<SanRow[]>(draft?.sans ?? []);
  // A renewal's names come from the current certificate: the common name no longer rewrites the first one.
  const [sansTouched, setSansTouched] = useState(draft !== undefined);
  const [usage, setUsage] = useState<KeyUsage>(draft?.usage ?? "server");
  const [days, setDays] = useState("365");
  const generating = useActionMutation(
    (values: { generate: Record<string, unknown> }): Promise<ActionResult<{ name: string; title: string }>> =>
      target
        ? prepareRotationGenerateAction(org, target, values.generate).then((r) =>
            r.ok ? { ok: true as const, data: { name: target, title: target } } : r,
          )
        : generateKeystoreAction(org, values),
    { invalidate: [queryKeys.keystores(org)] },
  );
  const { fieldError, fieldProps, failure } = generating;
  // A refusal arrives while the fieldset is disabled: focus moves to the first field at fault once it is back.
  const refocus = useReturnFocus(!generating.busy);

  // The common name is offered as the first DNS name until the list is edited by hand.
  const setCommonName = (cn: string) => {
    setSubject((s) => ({ ...s, common_name: cn }));
    if (!sansTouched) setSans(cn.trim() ? [{ type: "DNS", value: cn.trim() }] : []);
  };

  // Empty rows are left out; `sent` maps each sent name back to its row, for errors at the right row.
  const sent = sans.flatMap((s, i) => (s.value.trim() ? [i] : []));
  const submit = async () => {
    const result = await generating.run({
      ...(target ? {} : meta),
      generate: {
        key_type: keyType,
        subject,
        subject_alt_names: sent.map((i) => `${sans[i].type}:${sans[i].value.trim()}`),
        usage,
        ...(mode === "self-signed" ? { self_signed_days: days } : {}),
      },
    });
    if (!result.ok) {
      const ids = result.fieldErrors.map((f) => controlId(f.field, sent));
      refocus(() => (ids.length ? firstInPage(ids) : document.getElementById("generate-banner")));
      return;
    }
    toast({
      kind: "success",
      title: target
        ? "Next key generated: review it on the keystore page"
        : mode === "self-signed"
          ? "Keystore created"
          : "Key generated: awaiting its certificate",
      subtitle: result.data.title,
    });
    router.push(`/orgs/${org}/resources/tls/keystores/${result.data.name}`);
    router.refresh();
  };

  const rowErrors: Record<number, string> = {};
  for (const f of failure?.fieldErrors ?? []) {
    const at = /^generate\.subject_alt_names\.(\d+)$/.exec(f.field);
    if (at && sent[Number(at[1])] !== undefined) rowErrors[sent[Number(at[1])]] ??= f.message;
  }
  const banner = failure && failure.fieldErrors.length === 0 ? failureText(failure) : null;
  return (
    <form
      noValidate
      aria-label={mode === "self-signed" ? "Create a self-signed keystore" : "Generate key and CSR"}
      className="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset disabled={generating.busy} className="profile-form__fields">
        <Stack gap={7}>
          {banner && (
            <div id="generate-banner" tabIndex={-1}>
              <InlineNotification
                kind="error"
                title="Nothing was created"
                subtitle={banner}
                role="alert"
                hideCloseButton
              />
            </div>
          )}
          {!target && (
            <>
              <TextInput
                id="title"
                labelText="Title"
                value={meta.title}
                {...fieldProps("title")}
                onChange={(e) => {
                  const title = e.target.value;
                  setMeta((m) => ({ ...m, title, name: nameTouched ? m.name : slugify(title) }));
                }}
              />
              <TextInput
                id="name"
                labelText="Name"
                helperText="Filled in from the title; profiles refer to it. Cannot be changed later."
                value={meta.name}
                {...fieldProps("name")}
                onChange={(e) => {
                  setNameTouched(true);
                  setMeta((m) => ({ ...m, name: e.target.value }));
                }}
              />
              <TextArea
                id="summary"
                labelText="Summary (optional)"
                rows={2}
                value={meta.summary}
                onChange={(e) => setMeta((m) => ({ ...m, summary: e.target.value }))}
              />
            </>
          )}
          <Select
            id="key_type"
            labelText="Key type"
            helperText="The private key is generated on the server, encrypted at once, and can never be downloaded."
            value={keyType}
            {...fieldProps("generate.key_type")}
            onChange={(e) => setKeyType(e.target.value as KeyType)}
          >
            {KEY_TYPES.map((t) => (
              <SelectItem key={t} value={t} text={KEY_TYPE_LABELS[t]} />
            ))}
          </Select>
          <fieldset className={styles.group}>
            <legend className="cds--label">Subject</legend>
            <div className={styles.subject}>
              {SUBJECT_FIELDS.map(([field, label, help]) => (
                <TextInput
                  key={field}
                  id={`subject_${field}`}
                  labelText={label}
                  helperText={help || undefined}
                  value={subject[field]}
                  {...fieldProps(`generate.subject.${field}`)}
                  onChange={(e) =>
                    field === "common_name"
                      ? setCommonName(e.target.value)
                      : setSubject((s) => ({ ...s, [field]: e.target.value }))
                  }
                />
              ))}
            </div>
          </fieldset>
          <SanRows
            rows={sans}
            types={SAN_TYPES as readonly SanType[]}
            errors={rowErrors}
            listError={fieldError("generate.subject_alt_names")}
            onChange={(rows) => {
              setSansTouched(true);
              setSans(rows);
            }}
          />
          <RadioButtonGroup
            legendText="Usage (extended key usage)"
            name="usage"
            valueSelected={usage}
            onChange={(v) => setUsage(v as KeyUsage)}
            orientation="vertical"
          >
            <RadioButton id="usage-server" labelText="Server (serverAuth)" value="server" />
            <RadioButton id="usage-client" labelText="Client, for mutual TLS (clientAuth)" value="client" />
            <RadioButton id="usage-both" labelText="Both" value="both" />
          </RadioButtonGroup>
          {mode === "self-signed" && (
            <TextInput
              id="self_signed_days"
              type="number"
              min={1}
              max={MAX_SELF_SIGNED_DAYS}
              labelText="Validity (days)"
              helperText={`For tests and internal use: peers must trust this certificate itself. 1 to ${MAX_SELF_SIGNED_DAYS} days.`}
              value={days}
              {...fieldProps("generate.self_signed_days")}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
          {generating.busy && <InlineLoading description={progressText(keyType)} />}
        </Stack>
      </fieldset>
      <ButtonSet className="profile-form__actions">
        <Button kind="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={generating.busy}>
          {mode === "self-signed"
            ? target
              ? "Generate self-signed certificate"
              : "Create self-signed keystore"
            : "Generate key and CSR"}
        </Button>
      </ButtonSet>
    </form>
  );
}
