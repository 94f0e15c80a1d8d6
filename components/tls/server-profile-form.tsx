"use client";

import { Select, SelectItem, Toggle } from "@/components/carbon";
import { Controller } from "react-hook-form";
import { createServerProfileAction, updateServerProfileAction } from "@/app/actions/tls-server-profiles";
import { queryKeys } from "@/lib/query-keys";
import {
  MUTUAL_AUTHENTICATION,
  type TServerProfileInput,
  ZServerProfileCreate,
  ZServerProfileFields,
} from "@/lib/tls/server-profile-schema";
import { lintServerProfile } from "@/lib/tls/lint/profile";
import { type FormMode, type KeystoreUsages, ProfileForm, type ProfileKind, type ProfileTarget } from "./profile-form";
import { StoreRefFields } from "./store-ref-fields";
import type { StoreChoice } from "./store-select";

const SERVER: ProfileKind<TServerProfileInput> = {
  label: "TLS server profile",
  listUrl: (org) => `/orgs/${org}/resources/tls/server-profiles`,
  schema: ZServerProfileCreate,
  fields: new Set(Object.keys(ZServerProfileFields.shape)),
  queryKey: queryKeys.serverProfiles,
  save: (org, values, target) =>
    target ? updateServerProfileAction(org, target, values) : createServerProfileAction(org, values),
  lint: (values, keystore) =>
    lintServerProfile({
      protocols: values.protocols ?? [],
      ciphers: values.ciphers ?? [],
      mutual_authentication: values.mutual_authentication ?? "none",
      keystore,
    }),
};

const MUTUAL_LABELS: Record<(typeof MUTUAL_AUTHENTICATION)[number], string> = {
  none: "None — no client certificate is asked for",
  request: "Request — ask for a client certificate, accept clients without one",
  require: "Require — the handshake fails without a trusted client certificate",
};

interface Props {
  org: string;
  mode: FormMode;
  defaultValues: TServerProfileInput;
  target?: ProfileTarget;
  keystores: StoreChoice[];
  truststores: StoreChoice[];
  keystoreUsages: KeystoreUsages;
}

export function ServerProfileForm({ keystores, truststores, ...props }: Props) {
  return (
    <ProfileForm kind={SERVER} {...props}>
      {(control, errors) => (
        <>
          <Controller
            control={control}
            name="mutual_authentication"
            render={({ field }) => (
              <Select
                id="mutual_authentication"
                labelText="Mutual authentication"
                value={field.value}
                onChange={(e) => field.onChange(e.target.value)}
              >
                {MUTUAL_AUTHENTICATION.map((m) => (
                  <SelectItem key={m} value={m} text={MUTUAL_LABELS[m]} />
                ))}
              </Select>
            )}
          />
          <StoreRefFields
            control={control}
            errors={errors}
            keystores={keystores}
            truststores={truststores}
            keystore={{ label: "Keystore", help: "Holds the server certificate and key.", required: true }}
            truststore={{
              label: "Truststore",
              help: "The CA certificates client certificates must chain to. Required with mutual authentication.",
            }}
          />
          <Controller
            control={control}
            name="limit_renegotiation"
            render={({ field }) => (
              <Toggle
                id="limit_renegotiation"
                labelText="Limit renegotiation"
                labelA="Off — clients may renegotiate"
                labelB="On — client-initiated renegotiation is refused"
                toggled={!!field.value}
                onToggle={field.onChange}
              />
            )}
          />
        </>
      )}
    </ProfileForm>
  );
}
