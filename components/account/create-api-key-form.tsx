"use client";

import { useState, useTransition } from "react";
import { Button, InlineLoading, Select, SelectItem, Stack, TextInput } from "@/components/carbon";
import { createApiKeyAction } from "@/app/actions/api-keys";
import {
  API_KEY_LIFETIMES,
  DEFAULT_API_KEY_LIFETIME,
  type ApiKeyLifetime,
  type CreateApiKeyInput,
} from "@/lib/auth/api-key-input";
import type { FieldError } from "@/lib/errors";

const ALL_ORGS = "";
const NEVER = "never";
const optionOf = (days: ApiKeyLifetime) => (days === null ? NEVER : String(days));

/** Name, lifetime and reach of a new key; the created key goes to `onCreated` and nowhere else. */
export function CreateApiKeyForm({
  orgs,
  onCreated,
}: {
  orgs: { name: string; title: string }[];
  onCreated: (created: { name: string; key: string }) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState<ApiKeyLifetime>(DEFAULT_API_KEY_LIFETIME);
  const [org, setOrg] = useState(ALL_ORGS);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const errorAt = (field: string) => errors.find((e) => e.field === field)?.message;

  const create = () =>
    startTransition(async () => {
      const values: CreateApiKeyInput = { name, expires_in_days: lifetime, org: org === ALL_ORGS ? null : org };
      const r = await createApiKeyAction(values);
      if (!r.ok) return setErrors(r.fieldErrors.length ? r.fieldErrors : [{ field: "name", message: r.message }]);
      setErrors([]);
      setName("");
      onCreated({ name: r.data.apiKey.name, key: r.data.key });
    });

  return (
    <form
      aria-label="Create an API key"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <Stack gap={5}>
        <TextInput
          id="key-name"
          labelText="Key name"
          helperText="What uses the key, e.g. the deploy pipeline"
          value={name}
          onChange={(e) => setName(e.target.value)}
          invalid={!!errorAt("name")}
          invalidText={errorAt("name")}
        />
        <Select
          id="key-expiry"
          labelText="Expires after"
          value={optionOf(lifetime)}
          onChange={(e) =>
            setLifetime(API_KEY_LIFETIMES.find((l) => optionOf(l.days) === e.target.value)?.days ?? null)
          }
          invalid={!!errorAt("expires_in_days")}
          invalidText={errorAt("expires_in_days")}
        >
          {API_KEY_LIFETIMES.map((l) => (
            <SelectItem key={l.label} value={optionOf(l.days)} text={l.label} />
          ))}
        </Select>
        <Select
          id="key-org"
          labelText="Organization"
          helperText="A key for one organization is refused (403) in every other."
          value={org}
          onChange={(e) => setOrg(e.target.value)}
          invalid={!!errorAt("org")}
          invalidText={errorAt("org")}
        >
          <SelectItem value={ALL_ORGS} text="All my organizations" />
          {orgs.map((o) => (
            <SelectItem key={o.name} value={o.name} text={`Only ${o.title}`} />
          ))}
        </Select>
        <div>{pending ? <InlineLoading description="Creating key…" /> : <Button type="submit">Create key</Button>}</div>
      </Stack>
    </form>
  );
}
