import { CIPHER_BY_NAME, WEAKNESS_LABELS } from "../ciphers";
import { listed } from "../lint/finding";
import { lintClientConnection } from "../lint/connection";
import { lintKeystoreUsage } from "../lint/key-usage";
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
 */
function common(policy: TlsPolicy, p: ClientProfileFacts | ServerProfileFacts, role: "client" | "server") {
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
    const hits = effectiveCiphers(p.protocols, p.ciphers).flatMap((c) => {
      const flags = CIPHER_BY_NAME.get(c)!.weaknesses.filter((w) => forbidden.has(w));
      return flags.length ? [`${c} (${flags.map((w) => WEAKNESS_LABELS[w]).join("; ")})`] : [];
    });
    if (hits.length) out.push(violation(policy, "forbidden_suite_classes", "ciphers", `selected: ${listed(hits)}`));
  }
  if (policy.require_extended_key_usage)
    for (const f of lintKeystoreUsage(role, p.keystore))
      out.push(violation(policy, "require_extended_key_usage", "keystore_url", f.message));
  return out;
}

/** Lint codes whose rule a policy switch makes binding, with the switch and the profile field at fault. */
const BINDING_CLIENT_CODES = {
  "client.insecure_server_connections": {
    rule: "forbid_insecure_server_connections",
    field: "insecure_server_connections",
  },
  "client.sni_disabled": { rule: "forbid_sni_off", field: "server_name_indication" },
} as const;

export function evaluateClientProfile(policy: TlsPolicy, p: ClientProfileFacts): Violation[] {
  const out = common(policy, p, "client");
  for (const f of lintClientConnection(p)) {
    const binding = BINDING_CLIENT_CODES[f.code as keyof typeof BINDING_CLIENT_CODES];
    if (binding && policy[binding.rule]) out.push(violation(policy, binding.rule, binding.field, f.message));
  }
  return out;
}

export function evaluateServerProfile(policy: TlsPolicy, p: ServerProfileFacts): Violation[] {
  return common(policy, p, "server");
}
