import { CIPHER_BY_NAME, WEAKNESS_LABELS } from "../ciphers";
import { listed } from "../lint/finding";
import { lintClientConnection } from "../lint/connection";
import { type KeystoreUsage, lintKeystoreUsage } from "../lint/key-usage";
import type { ClientProfileFacts, ServerProfileFacts } from "../lint/profile";
import { PROTOCOL_LABELS, TLS_PROTOCOLS } from "../protocols";
import { effectiveCiphers } from "../tls13-rule";
import type { TlsPolicy } from "../tls-policy";
import { type Violation, violation } from "./violation";

/**
 * Policy evaluation of a profile (ADR 027) on the same facts lint reads (lib/tls/lint/profile.ts). Rules that are a
 * lint rule switched on (insecure connections, SNI off, the keystore's extended key usage) ask the lint rule itself
 * and compare codes; parameterised ones (minimum protocol, forbidden suite classes) read the same facts: the
 * protocol order and the catalogue's weakness flags of the effective ciphers.
 *
 * A profile's violations are three parts, each reading only its own facts, listed in this order: its lists, its
 * keystore, its switches. They are exported so the compliance view can share a part among the profiles with the
 * same lists, keystore or switches; a save evaluates the whole profile.
 */

/** What a profile's protocol and cipher lists break. */
export function evaluateSuites(policy: TlsPolicy, p: Pick<ClientProfileFacts, "protocols" | "ciphers">) {
  const out: Violation[] = [];
  if (policy.minimum_protocol) {
    const floor = TLS_PROTOCOLS.indexOf(policy.minimum_protocol);
    const below = p.protocols.filter((x) => TLS_PROTOCOLS.indexOf(x) < floor);
    if (below.length)
      out.push(
        violation(
          policy,
          "minimum_protocol",
          "protocols",
          `${listed(below.map((x) => PROTOCOL_LABELS[x]))} ${below.length > 1 ? "are" : "is"} enabled`,
        ),
      );
  }
  const forbidden = new Set(policy.forbidden_suite_classes);
  if (forbidden.size) {
    // The rule names the class already: a suite says which class it breaks only when several are forbidden.
    const hits = effectiveCiphers(p.protocols, p.ciphers).flatMap((c) => {
      const flags = CIPHER_BY_NAME.get(c)!.weaknesses.filter((w) => forbidden.has(w));
      if (!flags.length) return [];
      return [forbidden.size > 1 ? `${c} (${flags.map((w) => WEAKNESS_LABELS[w]).join("; ")})` : c];
    });
    if (hits.length) out.push(violation(policy, "forbidden_suite_classes", "ciphers", `selected: ${listed(hits)}`));
  }
  return out;
}

/** What a profile's keystore breaks: its certificate must allow the profile's purpose. */
export function evaluateProfileKeystore(
  policy: TlsPolicy,
  role: "client" | "server",
  keystore: KeystoreUsage | null,
): Violation[] {
  if (!policy.require_extended_key_usage) return [];
  return lintKeystoreUsage(role, keystore).map((f) =>
    violation(policy, "require_extended_key_usage", "keystore_url", f.message),
  );
}

/** Lint codes whose rule a policy switch makes binding, with the switch and the profile field at fault. */
const BINDING_CLIENT_CODES = {
  "client.insecure_server_connections": {
    rule: "forbid_insecure_server_connections",
    field: "insecure_server_connections",
  },
  "client.sni_disabled": { rule: "forbid_sni_off", field: "server_name_indication" },
} as const;

/** What a client profile's switches break. */
export function evaluateClientSwitches(
  policy: TlsPolicy,
  p: Pick<ClientProfileFacts, "insecure_server_connections" | "server_name_indication">,
): Violation[] {
  const out: Violation[] = [];
  for (const f of lintClientConnection(p)) {
    const binding = BINDING_CLIENT_CODES[f.code as keyof typeof BINDING_CLIENT_CODES];
    if (binding && policy[binding.rule]) out.push(violation(policy, binding.rule, binding.field, f.message));
  }
  return out;
}

export const evaluateClientProfile = (policy: TlsPolicy, p: ClientProfileFacts): Violation[] => [
  ...evaluateSuites(policy, p),
  ...evaluateProfileKeystore(policy, "client", p.keystore),
  ...evaluateClientSwitches(policy, p),
];

export const evaluateServerProfile = (policy: TlsPolicy, p: ServerProfileFacts): Violation[] => [
  ...evaluateSuites(policy, p),
  ...evaluateProfileKeystore(policy, "server", p.keystore),
];
