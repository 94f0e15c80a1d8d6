import "server-only";
import {
  type ComplianceObjectType,
  type ComplianceReport,
  type NonCompliantObject,
  ZComplianceQuery,
} from "@/lib/tls/policy/compliance";
import { evaluateKey, evaluateLeaf } from "@/lib/tls/policy/keystore";
import { evaluateClientProfile, evaluateServerProfile } from "@/lib/tls/policy/profile";
import { type TlsPolicy, ZTlsPolicy } from "@/lib/tls/tls-policy";
import type { OrgContext } from "@/lib/server/access/require-org";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { extendedKeyUsageOf } from "@/lib/server/lint/leaf-usage";
import {
  clientProfileFacts,
  clientProfileFindings,
  serverProfileFacts,
  serverProfileFindings,
} from "@/lib/server/lint/profile-findings";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { WITH_STORES } from "@/lib/server/profiles/store-refs";
import { policyOf } from "@/lib/server/policy/policy";

/**
 * The compliance view (ADR 027): every profile and keystore of the organization checked against a policy — the one
 * in force, or a proposed one before it is saved — with the same evaluation the saves use. Objects are read a
 * batch at a time in id order, so memory stays bounded however many there are.
 */
const BATCH = 500;

async function* batches<T extends { id: string }>(read: (after: string | undefined) => Promise<T[]>) {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

const page = (orgId: string, after: string | undefined) => ({
  where: { orgId, ...(after ? { id: { gt: after } } : {}) },
  orderBy: { id: "asc" as const },
  take: BATCH,
});

async function nonCompliant(ctx: OrgContext, policy: TlsPolicy): Promise<NonCompliantObject[]> {
  const orgUrl = `${publicUrl()}/api/orgs/${ctx.org.name}`;
  const out: NonCompliantObject[] = [];
  const profile = (
    type: ComplianceObjectType,
    segment: string,
    row: { name: string; version: string; title: string; isDefault: boolean },
    violations: NonCompliantObject["violations"],
    findings: NonCompliantObject["findings"],
  ) => {
    if (violations.length)
      out.push({
        type,
        name: row.name,
        version: row.version,
        title: row.title,
        is_default: row.isDefault,
        url: `${orgUrl}/${segment}/${row.name}/${encodeURIComponent(row.version)}`,
        violations,
        findings,
      });
  };
  for await (const rows of batches((after) =>
    db().tlsClientProfile.findMany({ ...page(ctx.org.id, after), include: WITH_STORES }),
  ))
    for (const r of rows)
      profile(
        "tls_client_profile",
        "tls-client-profiles",
        r,
        evaluateClientProfile(policy, clientProfileFacts(r)),
        clientProfileFindings(r),
      );
  for await (const rows of batches((after) =>
    db().tlsServerProfile.findMany({ ...page(ctx.org.id, after), include: WITH_STORES }),
  ))
    for (const r of rows)
      profile(
        "tls_server_profile",
        "tls-server-profiles",
        r,
        evaluateServerProfile(policy, serverProfileFacts(r)),
        serverProfileFindings(r),
      );
  for await (const rows of batches((after) =>
    db().keystore.findMany({
      ...page(ctx.org.id, after),
      include: {
        certificates: { where: { position: 0 }, select: { sha256: true, pem: true, notBefore: true, notAfter: true } },
        _count: { select: { clientProfiles: true, serverProfiles: true } },
      },
    }),
  )) {
    const violating = rows.flatMap((r) => {
      const leaf = r.certificates[0];
      const roles = [
        ...(r._count.clientProfiles ? ["client" as const] : []),
        ...(r._count.serverProfiles ? ["server" as const] : []),
      ];
      const violations = [
        ...evaluateKey(policy, r.keyType, "key_type"),
        ...(leaf
          ? evaluateLeaf(
              policy,
              {
                keystore: r.name,
                notBefore: leaf.notBefore.toISOString(),
                notAfter: leaf.notAfter.toISOString(),
                extendedKeyUsage: extendedKeyUsageOf(leaf),
              },
              roles,
              "certificates",
            )
          : []),
      ];
      return violations.length ? [{ r, violations }] : [];
    });
    const findings = await findingsOfStores(
      db(),
      "keystore",
      violating.map((v) => v.r.id),
    );
    for (const { r, violations } of violating)
      out.push({
        type: "keystore",
        name: r.name,
        version: null,
        title: r.title,
        is_default: r.isDefault,
        url: `${orgUrl}/keystores/${r.name}`,
        violations,
        findings: findings.get(r.id)!,
      });
  }
  return out;
}

async function report(ctx: OrgContext, policy: TlsPolicy, rawQuery: unknown): Promise<ComplianceReport> {
  const query = ZComplianceQuery.parse(rawQuery);
  const all = await nonCompliant(ctx, policy);
  const blocked = { tls_client_profile: 0, tls_server_profile: 0, keystore: 0 };
  for (const o of all) if (!o.is_default) blocked[o.type] += 1;
  return {
    policy,
    total_results: all.length,
    blocked,
    exempt: all.filter((o) => o.is_default).length,
    results: all.slice(query.offset, query.offset + query.limit),
  };
}

/** What breaks the policy in force. */
export async function policyViolations(ctx: OrgContext, query: unknown) {
  return report(ctx, await policyOf(db(), ctx.org.id), query);
}

/** What would break a proposed policy, before it is saved: nothing is written. */
export async function previewPolicy(ctx: OrgContext, rawPolicy: unknown, query: unknown) {
  return report(ctx, ZTlsPolicy.parse(rawPolicy), query);
}
