"use client";

import {
  Button,
  ButtonSet,
  Checkbox,
  InlineNotification,
  Stack,
  TextArea,
  TextInput,
  Toggle,
} from "@/components/carbon";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch, type Path } from "react-hook-form";
import { createClientProfileAction, updateClientProfileAction } from "@/app/actions/tls-client-profiles";
import { useToast } from "@/components/ui/toasts";
import type { ActionResult } from "@/lib/errors";
import { queryKeys } from "@/lib/query-keys";
import {
  ZClientProfileFields,
  ZClientProfileInput,
  type TClientProfileFormValues,
  type TClientProfileInput,
} from "@/lib/tls/client-profile-schema";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { DEPRECATED_PROTOCOLS, PROTOCOL_LABELS, TLS_PROTOCOLS } from "@/lib/tls/protocols";
import { slugify } from "@/lib/tls/slug";
import { CipherPicker } from "./cipher-picker";
import { EffectiveCiphers } from "./effective-ciphers";

export type FormMode = "create" | "new-version" | "edit" | "view";

interface Props {
  org: string;
  mode: FormMode;
  defaultValues: TClientProfileInput;
  /** The row being edited, with the version the editor read (optimistic concurrency). */
  target?: { name: string; version: string; rowVersion: number };
}

const FIELDS = new Set(Object.keys(ZClientProfileFields.shape));

export function ClientProfileForm({ org, mode, defaultValues, target }: Props) {
  const router = useRouter();
  const toast = useToast();
  const client = useQueryClient();
  const [banner, setBanner] = useState<{ title: string; message: string; stale?: boolean } | null>(null);
  const [nameTouched, setNameTouched] = useState(mode !== "create");
  const readOnly = mode === "view";
  const form = useForm<TClientProfileFormValues, unknown, TClientProfileInput>({
    resolver: zodResolver(ZClientProfileInput),
    defaultValues,
  });
  const { register, control, handleSubmit, formState, setValue, setError } = form;
  const errors = formState.errors;
  const protocols = useWatch({ control, name: "protocols" }) ?? [];
  const ciphers = useWatch({ control, name: "ciphers" }) ?? [];
  const listUrl = `/orgs/${org}/resources/tls`;

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const result: ActionResult<ClientProfileDto> =
      mode === "edit" && target
        ? await updateClientProfileAction(org, target, values)
        : await createClientProfileAction(org, values);
    if (!result.ok) {
      for (const fe of result.fieldErrors) {
        const field = fe.field.split(".")[0];
        if (FIELDS.has(field))
          setError(field as Path<TClientProfileFormValues>, { message: fe.message }, { shouldFocus: true });
      }
      const title = result.code === "STALE" ? "Someone else saved this profile" : "The profile was not saved";
      const message = result.requestId ? `${result.message} (request id ${result.requestId})` : result.message;
      if (result.code === "STALE" || result.fieldErrors.length === 0)
        setBanner({ title, message, stale: result.code === "STALE" });
      return;
    }
    await client.invalidateQueries({ queryKey: queryKeys.clientProfiles(org) });
    toast({
      kind: "success",
      title: mode === "edit" ? "Profile saved" : "Profile created",
      subtitle: `${result.data.title} ${result.data.version}`,
    });
    router.push(listUrl);
    router.refresh();
  });

  const titleField = register("title");
  return (
    <form onSubmit={onSubmit} noValidate aria-label="TLS client profile" className="profile-form">
      <fieldset disabled={formState.isSubmitting || readOnly} className="profile-form__fields">
        <Stack gap={7}>
          {banner && (
            <InlineNotification
              kind="error"
              title={banner.title}
              subtitle={banner.message}
              role="alert"
              hideCloseButton
            />
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
            invalidText={errors.title?.message}
            {...titleField}
            onChange={(e) => {
              void titleField.onChange(e);
              if (!nameTouched) setValue("name", slugify(e.target.value), { shouldValidate: !!errors.name });
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
            invalidText={errors.name?.message}
            {...register("name", { onChange: () => setNameTouched(true) })}
          />
          <TextInput
            id="version"
            labelText="Version"
            helperText={mode === "new-version" ? "Enter the new version, e.g. 1.0.1." : "For example 1.0.0."}
            readOnly={mode === "edit"}
            invalid={!!errors.version}
            invalidText={errors.version?.message}
            {...register("version")}
          />
          <TextArea
            id="summary"
            labelText="Summary (optional)"
            rows={2}
            invalid={!!errors.summary}
            invalidText={errors.summary?.message}
            {...register("summary")}
          />
          <Controller
            control={control}
            name="protocols"
            render={({ field }) => (
              <fieldset className="cds--fieldset" aria-describedby={errors.protocols ? "protocols-error" : undefined}>
                <legend className="cds--label">Protocols</legend>
                {TLS_PROTOCOLS.map((p) => (
                  <Checkbox
                    key={p}
                    id={`protocol-${p}`}
                    labelText={DEPRECATED_PROTOCOLS.has(p) ? `${PROTOCOL_LABELS[p]} (deprecated)` : PROTOCOL_LABELS[p]}
                    checked={field.value?.includes(p) ?? false}
                    onChange={(_, { checked }) =>
                      field.onChange(checked ? [...(field.value ?? []), p] : (field.value ?? []).filter((x) => x !== p))
                    }
                  />
                ))}
                {errors.protocols && (
                  <div id="protocols-error" className="cds--form-requirement field-error" role="alert">
                    {errors.protocols.message ?? errors.protocols.root?.message}
                  </div>
                )}
              </fieldset>
            )}
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
            name="ciphers"
            render={({ field }) => (
              <CipherPicker
                value={field.value ?? []}
                onChange={field.onChange}
                disabled={readOnly}
                invalidText={errors.ciphers?.message ?? errors.ciphers?.root?.message}
              />
            )}
          />
          <EffectiveCiphers protocols={protocols} ciphers={ciphers} />
          <Controller
            control={control}
            name="insecure_server_connections"
            render={({ field }) => (
              <Toggle
                id="insecure_server_connections"
                labelText="Allow insecure server connections"
                labelA="Off"
                labelB="On — self-signed, expired and untrusted server certificates are accepted"
                toggled={!!field.value}
                onToggle={field.onChange}
              />
            )}
          />
          <Controller
            control={control}
            name="server_name_indication"
            render={({ field }) => (
              <Toggle
                id="server_name_indication"
                labelText="Server Name Indication (SNI)"
                labelA="Off — no server name is sent"
                labelB="On"
                toggled={!!field.value}
                onToggle={field.onChange}
              />
            )}
          />
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
