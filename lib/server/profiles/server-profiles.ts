import "server-only";
import { serverFormValuesOf } from "@/lib/tls/profile-form-values";
import type { ServerProfileDto } from "@/lib/tls/server-profile-dto";
import {
  type MutualAuthentication,
  type TServerProfileInput,
  ZServerProfileCreate,
  ZServerProfileInput,
  ZServerProfilePatch,
} from "@/lib/tls/server-profile-schema";
import { withPreset } from "@/lib/tls/preset-shortcut";
import type { OrgContext } from "@/lib/server/access/require-org";
import { serverProfileFacts, serverProfileFindings } from "@/lib/server/lint/profile-findings";
import { evaluateServerProfile } from "@/lib/tls/policy/profile";
import { enforcePolicy } from "@/lib/server/policy/enforce";
import { profileRepo } from "@/lib/server/profiles/repo";
import { db, type Db } from "@/lib/server/platform/db";
import { profileColumnsBase, profileDtoBase } from "@/lib/server/profiles/shared";
import { storeIds, storeUrl, WITH_STORES } from "@/lib/server/profiles/store-refs";

export type { ServerProfileDto };

const TARGET = "tls-server-profile";
const KIND = "server";

type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsServerProfile"]["findFirstOrThrow"]>> & {
  keystore: { name: string; certificates: { sha256: string; pem: string }[] };
  truststore: { name: string } | null;
};

function toDto(orgName: string, row: Row): ServerProfileDto {
  return {
    type: "tls_server_profile",
    ...profileDtoBase(orgName, "tls-server-profiles", row, serverProfileFindings(row)),
    mutual_authentication: row.mutualAuthentication as MutualAuthentication,
    limit_renegotiation: row.limitRenegotiation,
    keystore_url: storeUrl(orgName, "keystore", row.keystore.name),
  };
}

function toColumns(input: TServerProfileInput) {
  return {
    ...profileColumnsBase(input),
    mutualAuthentication: input.mutual_authentication,
    limitRenegotiation: input.limit_renegotiation,
  };
}

/** A server profile's keystore is required; the schema guarantees a reference, this its resolution. */
async function refs(tx: Pick<Db, "keystore" | "truststore">, ctx: OrgContext, input: TServerProfileInput) {
  const { keystoreId, truststoreId } = await storeIds(tx, ctx, input);
  return { keystoreId: keystoreId!, truststoreId };
}

/** Stored columns with the keystore and truststore references resolved within the organization. */
async function columns(tx: Pick<Db, "keystore" | "truststore">, ctx: OrgContext, input: TServerProfileInput) {
  return { ...toColumns(input), ...(await refs(tx, ctx, input)) };
}

const repo = profileRepo({
  kind: KIND,
  target: TARGET,
  table: (tx) => tx.tlsServerProfile,
  toDto,
  insert: (tx, data) => tx.tlsServerProfile.create({ data, include: WITH_STORES }),
  values: serverFormValuesOf,
  columns,
  comply: (tx, ctx, row) => enforcePolicy(tx, ctx, (policy) => evaluateServerProfile(policy, serverProfileFacts(row))),
  create: ZServerProfileCreate,
  input: ZServerProfileInput,
  patch: withPreset(ZServerProfilePatch),
});

export const listServerProfiles = repo.list;
export const getServerProfileVersions = repo.versions;
export const getServerProfile = repo.get;
/** Creates a profile; `isDefault` only for the installation's defaults (bootstrap). */
export const createServerProfile = repo.create;
/** Applies a partial change; refuses a stale save (row version) and a changed name or version. */
export const updateServerProfile = repo.update;
/** Deletes every listed version or none. */
export const deleteServerProfiles = repo.remove;
