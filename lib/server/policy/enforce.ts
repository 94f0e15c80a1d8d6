import "server-only";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { keyTypeLabel } from "@/lib/crypto/private-key";
import { AppError } from "@/lib/errors";
import { EXTENDED_USAGES, KEY_TYPE_LABELS, type KeyRequest, type KeyUsage } from "@/lib/tls/key-request";
import { EKU } from "@/lib/tls/lint/key-usage";
import { evaluateKey, evaluateLeaf, evaluateLifetime, evaluateUsage } from "@/lib/tls/policy/keystore";
import type { Violation } from "@/lib/tls/policy/violation";
import type { TlsPolicy } from "@/lib/tls/tls-policy";
import type { OrgContext } from "@/lib/server/access/require-org";
import type { Db } from "@/lib/server/platform/db";
import { policyOf } from "@/lib/server/policy/policy";

/**
 * The organization policy at every save (ADR 027). Each save path makes one call here, with the object as it would
 * be stored; a violation is a 422 at the field at fault, naming the rule, and the caller's transaction (or the write
 * that has not started yet) stores nothing. Protected defaults are never saved through these paths (bootstrap
 * skips the call), so they are exempt; the compliance view still reports them.
 */
type Tx = Pick<Db, "tlsPolicy" | "tlsClientProfile" | "tlsServerProfile">;

function refusal(violations: Violation[]): AppError {
  const message =
    violations.length === 1
      ? `${violations[0].message}.`
      : `This breaks ${violations.length} rules of the organization's TLS policy: ${violations.map((v) => v.message).join("; ")}.`;
  return new AppError(
    "VALIDATION",
    message,
    violations.map((v) => ({ field: v.field, message: v.message })),
  );
}

/** Reads the policy in force and refuses the save when `evaluate` finds a violation. */
export async function enforcePolicy(
  tx: Pick<Db, "tlsPolicy">,
  ctx: OrgContext,
  evaluate: (policy: TlsPolicy) => Violation[],
): Promise<void> {
  const violations = evaluate(await policyOf(tx, ctx.org.id));
  if (violations.length) throw refusal(violations);
}

/**
 * Before a key is generated: its type and size, and a self-signed certificate's days; for the next key of an existing
 * keystore (`keystore`: staged rotation), also the usage it asks for against the purposes of the profiles using it.
 */
export async function enforceKeyRequestPolicy(
  tx: Tx,
  ctx: OrgContext,
  request: KeyRequest,
  keystore?: { name: string; id: string },
) {
  const roles = keystore ? await rolesOf(tx, keystore.id) : [];
  const asked = EXTENDED_USAGES[request.usage].map((u) => EKU[u as "serverAuth" | "clientAuth"]);
  return enforcePolicy(tx, ctx, (policy) => [
    ...evaluateKey(policy, KEY_TYPE_LABELS[request.key_type], "generate.key_type"),
    ...(request.self_signed_days === undefined
      ? []
      : evaluateLifetime(policy, request.self_signed_days, "generate.self_signed_days")),
    ...evaluateUsage(policy, { keystore: keystore?.name ?? "", extendedKeyUsage: asked }, roles, "generate.usage"),
  ]);
}

const USAGE_ROLES: Record<KeyUsage, ("client" | "server")[]> = {
  client: ["client"],
  server: ["server"],
  both: ["client", "server"],
};

/** The purposes a keystore's certificate must allow: those of the profiles using it. */
async function rolesOf(tx: Tx, keystoreId: string): Promise<("client" | "server")[]> {
  const [clients, servers] = await Promise.all([
    tx.tlsClientProfile.count({ where: { keystoreId } }),
    tx.tlsServerProfile.count({ where: { keystoreId } }),
  ]);
  return [...(clients ? ["client" as const] : []), ...(servers ? ["server" as const] : [])];
}

/**
 * Verified key material about to be stored in keystore `name`: uploaded, duplicated, rotated in (`keystoreId`: its
 * profiles' purposes apply) or completing a generated key (`usage`: the purposes its request asked for).
 * `fieldOf` names the field that carried the key ("key") or the certificate ("certificate").
 */
export async function enforceMaterialPolicy(
  tx: Tx,
  ctx: OrgContext,
  target: { name: string; keystoreId?: string; usage?: string },
  m: KeystoreMaterial,
  fieldOf: (part: "key" | "certificate") => string,
): Promise<void> {
  const roles = [
    ...(target.keystoreId ? await rolesOf(tx, target.keystoreId) : []),
    ...(USAGE_ROLES[target.usage as KeyUsage] ?? []),
  ];
  const leaf = m.chain[0];
  await enforcePolicy(tx, ctx, (policy) => [
    ...evaluateKey(policy, keyTypeLabel(m.keyDescription), fieldOf("key")),
    ...evaluateLeaf(
      policy,
      {
        keystore: target.name,
        notBefore: leaf.notBefore,
        notAfter: leaf.notAfter,
        extendedKeyUsage: leaf.extendedKeyUsage,
      },
      roles,
      fieldOf("certificate"),
    ),
  ]);
}
