import { certificateLifetimeDays } from "../expiry";
import { lintKeystoreUsage } from "../lint/key-usage";
import type { TlsPolicy } from "../tls-policy";
import { type Violation, violation } from "./violation";

/** A key as the console names it everywhere ("RSA 2048", "EC P-256", "Ed25519": keystores' `key_type`). */
type KeyFacts = { type: "RSA"; bits: number } | { type: "EC"; curve: string } | { type: "other"; name: string };

function keyFacts(keyType: string): KeyFacts {
  const rsa = /^RSA (\d+)$/.exec(keyType);
  if (rsa) return { type: "RSA", bits: Number(rsa[1]) };
  const ec = /^EC (P-\d+)$/.exec(keyType);
  if (ec) return { type: "EC", curve: ec[1] };
  return { type: "other", name: keyType };
}

/** Key rules: for a key about to be generated (its type as requested) or one uploaded, stored or rotated in. */
export function evaluateKey(policy: TlsPolicy, keyType: string, field: string): Violation[] {
  const key = keyFacts(keyType);
  const detail = `this key is ${keyType}`;
  if (key.type === "RSA" && policy.minimum_rsa_bits !== null && key.bits < policy.minimum_rsa_bits)
    return [violation(policy, "minimum_rsa_bits", field, detail)];
  if (key.type === "EC" && !(policy.allowed_curves as readonly string[]).includes(key.curve))
    return [violation(policy, "allowed_curves", field, detail)];
  if (key.type === "other" && key.name === "Ed25519" && !policy.allow_ed25519)
    return [violation(policy, "allow_ed25519", field, detail)];
  return [];
}

/** A lifetime asked for before any certificate exists: a self-signed certificate's days. */
export function evaluateLifetime(policy: TlsPolicy, days: number, field: string): Violation[] {
  const max = policy.maximum_certificate_days;
  return max !== null && days > max
    ? [violation(policy, "maximum_certificate_days", field, `this one would be valid for ${days} days`)]
    : [];
}

/** The leaf of a keystore: its lifetime, and the purposes of the profiles that use (or will use) it. */
interface LeafFacts {
  keystore: string;
  notBefore: string;
  notAfter: string;
  /** Null: no extension, every purpose allowed. */
  extendedKeyUsage: readonly string[] | null;
}

export function evaluateLeaf(
  policy: TlsPolicy,
  leaf: LeafFacts,
  roles: readonly ("client" | "server")[],
  field: string,
): Violation[] {
  const out: Violation[] = [];
  const days = certificateLifetimeDays(new Date(leaf.notBefore), new Date(leaf.notAfter));
  const max = policy.maximum_certificate_days;
  if (max !== null && days > max)
    out.push(violation(policy, "maximum_certificate_days", field, `this certificate is valid for ${days} days`));
  return [...out, ...evaluateUsage(policy, leaf, roles, field)];
}

/** The purposes a certificate allows (or a key request asks for) against those of the profiles using the keystore. */
export function evaluateUsage(
  policy: TlsPolicy,
  leaf: Pick<LeafFacts, "keystore" | "extendedKeyUsage">,
  roles: readonly ("client" | "server")[],
  field: string,
): Violation[] {
  if (!policy.require_extended_key_usage) return [];
  return [...new Set(roles)].flatMap((role) =>
    lintKeystoreUsage(role, { name: leaf.keystore, extendedKeyUsage: leaf.extendedKeyUsage }).map((f) =>
      violation(policy, "require_extended_key_usage", field, f.message),
    ),
  );
}
