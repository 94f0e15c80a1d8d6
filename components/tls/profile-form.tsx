"use client";

import { Button, ButtonSet, Checkbox, InlineNotification, Stack, TextArea, TextInput } from "@/components/carbon";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import {
  type Control,
  Controller,
  type FieldErrors,
  type FieldValues,
  type Path,
  useForm,
  useWatch,
} from "react-hook-form";
import type { z } from "zod";
import { firstInPage } from "@/components/ui/first-in-page";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import type { ActionResult } from "@/lib/errors";
import type { CipherName } from "@/lib/tls/ciphers";
import { DEPRECATED_PROTOCOLS, PROTOCOL_LABELS, TLS_PROTOCOLS, type TlsProtocol } from "@/lib/tls/protocols";
import { slugify } from "@/lib/tls/slug";
import type { Finding } from "@/lib/tls/lint/finding";
import type { KeystoreUsage } from "@/lib/tls/lint/key-usage";
import { parseStoreRef } from "@/lib/tls/store-ref";
import { CipherPicker } from "./cipher-picker";
import { EffectiveCiphers } from "./effective-ciphers";
import { FindingsList } from "./findings";
import { PresetPicker } from "./preset-picker";

export type FormMode = "create" | "new-version" | "edit" | "view";

/** What differs between client and server profiles; the rest of the form is shared. */
export interface ProfileKind<V extends FieldValues> {
  label: string;
  listUrl: (org: string) => string;
  schema: z.ZodType<V, FieldValues>;
  fields: ReadonlySet<string>;
  queryKey: (org: string) => readonly unknown[];
  save: (org: string, values: V, target?: ProfileTarget) => Promise<ActionResult<{ title: string; version: string }>>;
  /** The same lint the server applies to stored profiles, run on the form's values as they change. */
  lint: (values: V, keystore: KeystoreUsage | null) => Finding[];
}

/** Extended key usage of each keystore's leaf by keystore name (null: no EKU extension), for live lint. */
export type KeystoreUsages = Record<string, string[] | null>;

export interface ProfileTarget {
  name: string;
  version: string;
  rowVersion: number;
}

interface Props<V extends FieldValues> {
  org: string;
  kind: ProfileKind<V>;
  mode: FormMode;
  defaultValues: V;
  target?: ProfileTarget;
  keystoreUsages: KeystoreUsages;
  /** The kind's own fields (toggles, keystore and truststore pickers). */
  children: (control: Control<V>, errors: FieldErrors<V>, readOnly: boolean) => ReactNode;
}

function keystoreUsageOf(ref: unknown, usages: KeystoreUsages): KeystoreUsage | null {
  if (typeof ref !== "string" || !ref) return null;
  const { name } = parseStoreRef("keystore", ref);
  return name in usages ? { name, extendedKeyUsage: usages[name] } : null;
}

const message = (e: unknown) =>
  (e as { message?: string; root?: { message?: string } } | undefined)?.message ??
  (e as { root?: { message?: string } } | undefined)?.root?.message;

export function ProfileForm<V extends FieldValues>({
  org,
  kind,
  mode,
  defaultValues,
  target,
  keystoreUsages,
  children,
}: Props<V>) {
  const router = useRouter();
  const toast = useToast();
  const [banner, setBanner] = useState<{ title: string; message: string; stale?: boolean } | null>(null);
  const [nameTouched, setNameTouched] = useState(mode !== "create");
  const readOnly = mode === "view";
  const form = useForm<V, unknown, V>({
    resolver: zodResolver(kind.schema as never) as never,
    defaultValues: defaultValues as never,
  });
  const { register, control, handleSubmit, formState, setValue, setError } = form;
  const errors = formState.errors as FieldErrors<FieldValues>;
  // A refusal arrives while the fieldset is disabled, where nothing can take focus: it moves once the form is back.
  const focusAfterSubmit = useReturnFocus(!formState.isSubmitting);
  const path = (name: string) => name as Path<V>;
  const protocols = (useWatch({ control, name: path("protocols") }) ?? []) as TlsProtocol[];
  const ciphers = (useWatch({ control, name: path("ciphers") }) ?? []) as CipherName[];
  const values = useWatch({ control }) as V;
  const findings = kind.lint(values, keystoreUsageOf(values.keystore_url, keystoreUsages));
  const applyPreset = (next: TlsProtocol[], suites: CipherName[]) => {
    const how = { shouldDirty: true, shouldValidate: formState.isSubmitted };
    setValue(path("protocols"), next as never, how);
    setValue(path("ciphers"), suites as never, how);
  };
  const listUrl = kind.listUrl(org);
  const saving = useActionMutation((values: V) => kind.save(org, values, mode === "edit" ? target : undefined), {
    invalidate: [kind.queryKey(org)],
  });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const result = await saving.run(values);
    if (!result.ok) {
      const fields = result.fieldErrors.map((fe) => fe.field.split(".")[0]).filter((f) => kind.fields.has(f));
      for (const fe of result.fieldErrors) {
        const field = fe.field.split(".")[0];
        if (kind.fields.has(field)) setError(path(field), { message: fe.message });
      }
      const title = result.code === "STALE" ? "Someone else saved this profile" : "The profile was not saved";
      const text = failureText(result);
      const showBanner = result.code === "STALE" || fields.length === 0;
      if (showBanner) setBanner({ title, message: text, stale: result.code === "STALE" });
      // The banner, or the first field at fault in the page's order (each control's id is its field's name).
      focusAfterSubmit(() => (showBanner ? document.getElementById("profile-form-banner") : firstInPage(fields)));
      return;
    }
    toast({
      kind: "success",
      title: mode === "edit" ? "Profile saved" : "Profile created",
      subtitle: `${result.data.title} ${result.data.version}`,
    });
    router.push(listUrl);
    router.refresh();
  });

  const titleField = register(path("title"));
  return (
    <form onSubmit={onSubmit} noValidate aria-label={kind.label} className="profile-form">
      <fieldset disabled={formState.isSubmitting || readOnly} className="profile-form__fields">
        <Stack gap={7}>
          {banner && (
            <div id="profile-form-banner" tabIndex={-1}>
              <InlineNotification
                kind="error"
                title={banner.title}
                subtitle={banner.message}
                role="alert"
                hideCloseButton
              />
            </div>
          )}
          {/* Carbon notifications may not contain controls, so the way out sits right below. */}
          {banner?.stale && (
            <Button kind="tertiary" size="sm" onClick={() => window.location.reload()}>
              Reload to see their changes
            </Button>
          )}
          <TextInput
            id="title"
            labelText="Title"
            helperText="Shown in tables and on the gateway."
            invalid={!!errors.title}
            invalidText={message(errors.title)}
            {...titleField}
            onChange={(e) => {
              void titleField.onChange(e);
              if (!nameTouched)
                setValue(path("name"), slugify(e.target.value) as never, { shouldValidate: !!errors.name });
            }}
          />
          <TextInput
            id="name"
            labelText="Name"
            helperText={
              mode === "create"
                ? "Filled in from the title. Lower-case letters, digits and dashes; cannot be changed after the first save."
                : "The name cannot be changed."
            }
            readOnly={mode !== "create"}
            invalid={!!errors.name}
            invalidText={message(errors.name)}
            {...register(path("name"), { onChange: () => setNameTouched(true) })}
          />
          <TextInput
            id="version"
            labelText="Version"
            helperText={mode === "new-version" ? "Enter the new version, e.g. 1.0.1." : "For example 1.0.0."}
            readOnly={mode === "edit"}
            invalid={!!errors.version}
            invalidText={message(errors.version)}
            {...register(path("version"))}
          />
          <TextArea
            id="summary"
            labelText="Summary (optional)"
            rows={2}
            invalid={!!errors.summary}
            invalidText={message(errors.summary)}
            {...register(path("summary"))}
          />
          <PresetPicker protocols={protocols} ciphers={ciphers} onApply={applyPreset} readOnly={readOnly} />
          <Controller
            control={control}
            name={path("protocols")}
            render={({ field }) => {
              const value = (field.value ?? []) as TlsProtocol[];
              return (
                <fieldset
                  id="protocols"
                  tabIndex={-1}
                  className="cds--fieldset"
                  aria-describedby={errors.protocols ? "protocols-error" : undefined}
                >
                  <legend className="cds--label">Protocols</legend>
                  {TLS_PROTOCOLS.map((p) => (
                    <Checkbox
                      key={p}
                      id={`protocol-${p}`}
                      labelText={
                        DEPRECATED_PROTOCOLS.has(p) ? `${PROTOCOL_LABELS[p]} (deprecated)` : PROTOCOL_LABELS[p]
                      }
                      checked={value.includes(p)}
                      onChange={(_, { checked }) =>
                        field.onChange(checked ? [...value, p] : value.filter((x) => x !== p))
                      }
                    />
                  ))}
                  {errors.protocols && (
                    <div id="protocols-error" className="cds--form-requirement field-error" role="alert">
                      {message(errors.protocols)}
                    </div>
                  )}
                </fieldset>
              );
            }}
          />
          {protocols.some((p) => DEPRECATED_PROTOCOLS.has(p)) && (
            <InlineNotification
              kind="warning"
              lowContrast
              hideCloseButton
              title="Deprecated protocol selected"
              subtitle="TLS 1.0 and 1.1 are deprecated (RFC 8996) and refused by most modern servers. Select them only for legacy peers."
            />
          )}
          <Controller
            control={control}
            name={path("ciphers")}
            render={({ field }) => (
              <CipherPicker
                value={(field.value ?? []) as CipherName[]}
                onChange={field.onChange}
                disabled={readOnly}
                invalidText={message(errors.ciphers)}
              />
            )}
          />
          <EffectiveCiphers protocols={protocols} ciphers={ciphers} />
          {children(control, formState.errors, readOnly)}
          <section aria-labelledby="live-findings-title" className="live-findings">
            <h3 id="live-findings-title" className="cds--label">
              Findings for these settings
            </h3>
            <FindingsList findings={findings} subject="profile" />
          </section>
        </Stack>
      </fieldset>
      <ButtonSet className="profile-form__actions">
        <Button kind="secondary" onClick={() => router.push(listUrl)}>
          {readOnly ? "Back" : "Cancel"}
        </Button>
        {!readOnly && (
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : mode === "edit" ? "Save" : "Create"}
          </Button>
        )}
      </ButtonSet>
    </form>
  );
}

export { message as errorMessage };
