import "server-only";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import {
  ZClientProfileCreate,
  ZClientProfileInput,
  ZClientProfilePatch,
  type TClientProfileInput,
} from "@/lib/tls/client-profile-schema";
import { formValuesOf } from "@/lib/tls/profile-form-values";
import { withPreset } from "@/lib/tls/preset-shortcut";
import type { OrgContext } from "@/lib/server/access/require-org";
import { clientProfileFacts, clientProfileFindings } from "@/lib/server/lint/profile-findings";
import { evaluateClientProfile } from "@/lib/tls/policy/profile";
import { enforcePolicy } from "@/lib/server/policy/enforce";
import { profileRepo } from "@/lib/server/profiles/repo";
import { db, type Db } from "@/lib/server/platform/db";
import { profileColumnsBase, profileDtoBase } from "@/lib/server/profiles/shared";
import { storeIds, storeUrl, WITH_STORES } from "@/lib/server/profiles/store-refs";

export type { ClientProfileDto };

export const TARGET = "tls-client-profile";
const KIND = "client";

type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsClientProfile"]["findFirstOrThrow"]>> & {
  keystore: { name: string; certificates: { sha256: string; pem: string }[] } | null;
  truststore: { name: string } | null;
};

export function toDto(orgName: string, row: Row): ClientProfileDto {
  return {
    type: "tls_client_profile",
    ...profileDtoBase(orgName, "tls-client-profiles", row, clientProfileFindings(row)),
    insecure_server_connections: row.insecureServerConnections,
    server_name_indication: row.serverNameIndication,
    keystore_url: row.keystore ? storeUrl(orgName, "keystore", row.keystore.name) : null,
  };
}

/** The stored form of validated input (references: storeIds). */
export function toColumns(input: TClientProfileInput) {
  return {
    ...profileColumnsBase(input),
    insecureServerConnections: input.insecure_server_connections,
    serverNameIndication: input.server_name_indication,
  };
}

/** Stored columns with the keystore and truststore references resolved within the organization. */
async function columns(tx: Pick<Db, "keystore" | "truststore">, ctx: OrgContext, input: TClientProfileInput) {
  return { ...toColumns(input), ...(await storeIds(tx, ctx, input)) };
}

const repo = profileRepo({
  kind: KIND,
  target: TARGET,
  table: (tx) => tx.tlsClientProfile,
  toDto,
  insert: (tx, data) => tx.tlsClientProfile.create({ data, include: WITH_STORES }),
  values: formValuesOf,
  columns,
  comply: (tx, ctx, row) => enforcePolicy(tx, ctx, (policy) => evaluateClientProfile(policy, clientProfileFacts(row))),
  create: ZClientProfileCreate,
  input: ZClientProfileInput,
  patch: withPreset(ZClientProfilePatch),
});

export const listClientProfiles = repo.list;
export const getClientProfileVersions = repo.versions;
export const getClientProfile = repo.get;
/** Creates a profile; `isDefault` only for the installation's defaults (bootstrap). */
export const createClientProfile = repo.create;
/** Applies a partial change; refuses a stale save (row version) and a changed name or version. */
export const updateClientProfile = repo.update;
/** Deletes every listed version or none. */
export const deleteClientProfiles = repo.remove;
