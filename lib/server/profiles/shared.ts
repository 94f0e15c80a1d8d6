import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ZName, ZVersion } from "@/lib/tls/client-profile-schema";
import type { CipherName } from "@/lib/tls/ciphers";
import { dataPowerNames } from "@/lib/tls/datapower-names";
import type { Finding } from "@/lib/tls/lint/finding";
import { LIST_SORT_FIELDS, titleKey, type ListQuery } from "@/lib/tls/list-query";
import type { ProfileDtoBase } from "@/lib/tls/profile-dto-base";
import { sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";
import { publicUrl } from "@/lib/server/platform/config";
import { storeUrl } from "@/lib/server/profiles/store-refs";

/** What both kinds of profile share in the data layer: addressing, conflicts, ordering, batch targets. */
export const ZProfileTargets = z
  .array(z.strictObject({ name: ZName, version: ZVersion }))
  .min(1)
  .max(100);

export const KIND_LABEL = { client: "TLS client profile", server: "TLS server profile" } as const;
export type ProfileKind = keyof typeof KIND_LABEL;

export function profileClash(kind: ProfileKind, name: string, version: string): AppError {
  return new AppError("CONFLICT", `A ${KIND_LABEL[kind]} named "${name}" with version ${version} already exists.`, [
    { field: "version", message: `Version ${version} of "${name}" already exists. Choose another version.` },
  ]);
}

export function profileNotFound(kind: ProfileKind, name: string, version?: string): AppError {
  return new AppError(
    "NOT_FOUND",
    version ? `No ${KIND_LABEL[kind]} "${name}" with version ${version}.` : `No ${KIND_LABEL[kind]} named "${name}".`,
  );
}

/** Tie-breakers follow the sort direction so the database can walk the matching index either way. */
export function profileOrderBy(query: ListQuery) {
  return [{ [LIST_SORT_FIELDS[query.sort]]: query.direction }, { name: query.direction }, { version: query.direction }];
}

/**
 * An update addresses one name (and version, for profiles). Echoing them back (a form sends the whole profile, a REST client
 * its GET) is fine; changing them is not — a new version is a new profile. One rule for actions and REST.
 */
export function changeOf(values: unknown, name: string, version?: string): Record<string, unknown> {
  if (!values || typeof values !== "object" || Array.isArray(values))
    throw new AppError("VALIDATION", "The change must be an object.");
  const { name: n, version: v, ...rest } = values as Record<string, unknown>;
  const errors = [];
  if (n !== undefined && n !== name) errors.push({ field: "name", message: "The name cannot be changed." });
  if (v !== undefined && (version === undefined || v !== version))
    errors.push({ field: "version", message: "The version cannot be changed; create a new version instead." });
  if (errors.length) throw new AppError("VALIDATION", errors[0].message, errors);
  return rest;
}

function searchTextOf(input: { title: string; name: string; version: string; summary: string }): string {
  return [input.title, input.name, input.version, input.summary].join(" ").toLowerCase();
}

interface StoredProfile {
  id: string;
  name: string;
  version: string;
  title: string;
  summary: string;
  protocols: string;
  ciphers: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  rowVersion: number;
  truststore: { name: string } | null;
}

/** A profile's stored protocol and cipher lists (comma-separated columns) as the names they hold. */
export function storedSuites(row: { protocols: string; ciphers: string }) {
  return {
    protocols: row.protocols.split(",").filter(Boolean) as TlsProtocol[],
    ciphers: row.ciphers.split(",").filter(Boolean) as CipherName[],
  };
}

/** The DTO fields both kinds share; `segment` is the REST collection (tls-client-profiles, …). */
export function profileDtoBase(
  orgName: string,
  segment: string,
  row: StoredProfile,
  findings: Finding[],
): ProfileDtoBase {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    api_version: "2.0.0",
    id: row.id,
    name: row.name,
    version: row.version,
    title: row.title,
    summary: row.summary,
    ...storedSuites(row),
    truststore_url: row.truststore ? storeUrl(orgName, "truststore", row.truststore.name) : null,
    is_default: row.isDefault,
    scope: "org",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/${segment}/${row.name}/${encodeURIComponent(row.version)}`,
    org_url: orgUrl,
    findings,
    datapower_names: dataPowerNames(orgName, row.name, row.version),
  };
}

/** Columns both kinds share: canonical protocol order, the TLS 1.3 rule applied, title sort key, search text. */
export function profileColumnsBase(input: {
  title: string;
  name: string;
  version: string;
  summary: string;
  protocols: TlsProtocol[];
  ciphers: CipherName[];
}) {
  const protocols = sortProtocols(input.protocols);
  return {
    title: input.title,
    titleKey: titleKey(input.title),
    summary: input.summary,
    protocols: protocols.join(","),
    ciphers: effectiveCiphers(protocols, input.ciphers).join(","),
    searchText: searchTextOf(input),
  };
}
