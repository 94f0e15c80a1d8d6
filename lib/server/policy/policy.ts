import "server-only";
import type { TlsProtocol } from "@/lib/tls/protocols";
import type { CipherWeakness } from "@/lib/tls/ciphers";
import { type EcCurve, OPEN_POLICY, type TlsPolicy, type TlsPolicyDto, ZTlsPolicy } from "@/lib/tls/tls-policy";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff } from "@/lib/server/platform/audit";
import { db, type Db } from "@/lib/server/platform/db";

type PolicyRow = NonNullable<Awaited<ReturnType<Db["tlsPolicy"]["findUnique"]>>>;

const list = <T extends string>(text: string) => text.split(",").filter(Boolean) as T[];

function fromRow(row: PolicyRow): TlsPolicy {
  return {
    minimum_protocol: row.minimumProtocol as TlsProtocol | null,
    forbidden_suite_classes: list<CipherWeakness>(row.forbiddenSuiteClasses),
    minimum_rsa_bits: row.minimumRsaBits,
    allowed_curves: list<EcCurve>(row.allowedCurves),
    allow_ed25519: row.allowEd25519,
    maximum_certificate_days: row.maximumCertificateDays,
    require_extended_key_usage: row.requireExtendedKeyUsage,
    forbid_insecure_server_connections: row.forbidInsecureServerConnections,
    forbid_sni_off: row.forbidSniOff,
  };
}

function toColumns(p: TlsPolicy) {
  return {
    minimumProtocol: p.minimum_protocol,
    forbiddenSuiteClasses: p.forbidden_suite_classes.join(","),
    minimumRsaBits: p.minimum_rsa_bits,
    allowedCurves: p.allowed_curves.join(","),
    allowEd25519: p.allow_ed25519,
    maximumCertificateDays: p.maximum_certificate_days,
    requireExtendedKeyUsage: p.require_extended_key_usage,
    forbidInsecureServerConnections: p.forbid_insecure_server_connections,
    forbidSniOff: p.forbid_sni_off,
  };
}

/** The policy in force (the open policy while none is saved), read in the caller's transaction when it has one. */
export async function policyOf(tx: Pick<Db, "tlsPolicy">, orgId: string): Promise<TlsPolicy> {
  const row = await tx.tlsPolicy.findUnique({ where: { orgId } });
  return row ? fromRow(row) : OPEN_POLICY;
}

export async function getTlsPolicy(ctx: OrgContext): Promise<TlsPolicyDto> {
  const row = await db().tlsPolicy.findUnique({ where: { orgId: ctx.org.id } });
  return {
    ...(row ? fromRow(row) : OPEN_POLICY),
    updated_at: row?.updatedAt.toISOString() ?? null,
    updated_by: row?.updatedBy ?? null,
  };
}

/** Replaces the whole policy; fields left out take their neutral value (no limit). */
export async function saveTlsPolicy(ctx: OrgContext, raw: unknown): Promise<TlsPolicyDto> {
  const input = ZTlsPolicy.parse(raw);
  const columns = { ...toColumns(input), updatedBy: ctx.actor.email };
  const row = await db().$transaction(async (tx) => {
    const before = await policyOf(tx, ctx.org.id);
    const saved = await tx.tlsPolicy.upsert({
      where: { orgId: ctx.org.id },
      create: { orgId: ctx.org.id, ...columns },
      update: columns,
    });
    await audit(tx, ctx, "update", { type: "tls-policy", name: ctx.org.name }, diff(before, input));
    return saved;
  });
  return { ...fromRow(row), updated_at: row.updatedAt.toISOString(), updated_by: row.updatedBy };
}
