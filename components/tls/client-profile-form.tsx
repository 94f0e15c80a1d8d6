"use client";

import { Toggle } from "@/components/carbon";
import { Controller } from "react-hook-form";
import { createClientProfileAction, updateClientProfileAction } from "@/app/actions/tls-client-profiles";
import { queryKeys } from "@/lib/query-keys";
import { type TClientProfileInput, ZClientProfileCreate, ZClientProfileFields } from "@/lib/tls/client-profile-schema";
import { lintClientProfile } from "@/lib/tls/lint/profile";
import { type FormMode, type KeystoreUsages, ProfileForm, type ProfileKind, type ProfileTarget } from "./profile-form";
import { StoreRefFields } from "./store-ref-fields";
import type { StoreChoice } from "./store-select";

export type { FormMode };

const CLIENT: ProfileKind<TClientProfileInput> = {
  label: "TLS client profile",
  listUrl: (org) => `/orgs/${org}/resources/tls`,
  schema: ZClientProfileCreate,
  fields: new Set(Object.keys(ZClientProfileFields.shape)),
  queryKey: queryKeys.clientProfiles,
  save: (org, values, target) =>
    target ? updateClientProfileAction(org, target, values) : createClientProfileAction(org, values),
  lint: (values, keystore) =>
    lintClientProfile({
      protocols: values.protocols ?? [],
      ciphers: values.ciphers ?? [],
      insecure_server_connections: !!values.insecure_server_connections,
      server_name_indication: !!values.server_name_indication,
      keystore,
    }),
};

interface Props {
  org: string;
  mode: FormMode;
  defaultValues: TClientProfileInput;
  target?: ProfileTarget;
  keystores: StoreChoice[];
  truststores: StoreChoice[];
  keystoreUsages: KeystoreUsages;
}

export function ClientProfileForm({ keystores, truststores, ...props }: Props) {
  return (
    <ProfileForm kind={CLIENT} {...props}>
      {(control, errors) => (
        <>
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
          <StoreRefFields
            control={control}
            errors={errors}
            keystores={keystores}
            truststores={truststores}
            keystore={{
              label: "Keystore (optional)",
              help: "The client certificate and key, for servers that require mutual TLS.",
            }}
            truststore={{
              label: "Truststore (optional)",
              help: "The CA certificates that server certificates must chain to.",
            }}
          />
        </>
      )}
    </ProfileForm>
  );
}
