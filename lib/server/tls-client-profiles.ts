import "server-only";
import type { CipherName } from "@/lib/tls/ciphers";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import {
  ZClientProfileCreate,
  ZClientProfileInput,
  ZClientProfilePatch,
  type TClientProfileInput,
} from "@/lib/tls/client-profile-schema";
import { formValuesOf } from "@/lib/tls/profile-form-values";
import { sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";
import type { OrgContext } from "./access";
import { publicUrl } from "./config";
import { profileRepo } from "./profile-repo";
import { db, type Db } from "./db";
import { searchTextOf } from "./profile-shared";
import { storeIds, storeUrl, WITH_STORES } from "./store-refs";

export type { ClientProfileDto };

export const TARGET = "tls-client-profile";
const KIND = "client";

type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsClientProfile"]["findFirstOrThrow"]>> & {
  keystore: { name: string } | null;
  truststore: { name: string } | null;
};

export function toDto(orgName: string, row: Row): ClientProfileDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "tls_client_profile",
    api_version: "2.0.0",
    id: row.id,
    name: row.name,
    version: row.version,
    title: row.title,
    summary: row.summary,
    protocols: row.protocols.split(",").filter(Boolean) as TlsProtocol[],
    ciphers: row.ciphers.split(",").filter(Boolean) as CipherName[],
    insecure_server_connections: row.insecureServerConnections,
    server_name_indication: row.serverNameIndication,
    keystore_url: row.keystore ? storeUrl(orgName, "keystore", row.keystore.name) : null,
    truststore_url: row.truststore ? storeUrl(orgName, "truststore", row.truststore.name) : null,
    is_default: row.isDefault,
    scope: "org",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/tls-client-profiles/${row.name}/${encodeURIComponent(row.version)}`,
    org_url: orgUrl,
  };
}

/** The stored form of validated input: canonical order and the TLS 1.3 rule applied (references: storeIds). */
export function toColumns(input: TClientProfileInput) {
  const protocols = sortProtocols(input.protocols);
  return {
    title: input.title,
    summary: input.summary,
    protocols: protocols.join(","),
    ciphers: effectiveCiphers(protocols, input.ciphers).join(","),
    insecureServerConnections: input.insecure_server_connections,
    serverNameIndication: input.server_name_indication,
    searchText: searchTextOf(input),
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
  create: ZClientProfileCreate,
  input: ZClientProfileInput,
  patch: ZClientProfilePatch,
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
