import { WEAKNESS_LABELS } from "../ciphers";
import { listed } from "../lint/finding";
import { PROTOCOL_LABELS } from "../protocols";
import type { PolicyRule, TlsPolicy } from "../tls-policy";

/**
 * A policy violation: the rule (a policy field), the field of the object being saved that breaks it, and a message
 * that names the rule ("policy: minimum protocol is TLS 1.2 …"), shown at that field.
 */
export interface Violation {
  rule: PolicyRule;
  field: string;
  message: string;
}

/** What a rule asks, in words, with the policy's own values. */
function ruleText(policy: TlsPolicy, rule: PolicyRule): string {
  switch (rule) {
    case "minimum_protocol":
      return `minimum protocol is ${policy.minimum_protocol ? PROTOCOL_LABELS[policy.minimum_protocol] : "none"}`;
    case "forbidden_suite_classes":
      return `suites with ${listed(policy.forbidden_suite_classes.map((w) => WEAKNESS_LABELS[w]))} are forbidden`;
    case "minimum_rsa_bits":
      return `RSA keys have at least ${policy.minimum_rsa_bits} bits`;
    case "allowed_curves":
      return policy.allowed_curves.length
        ? `EC keys use ${listed(policy.allowed_curves).replace(/ and (?=[^ ]+$)/, " or ")}`
        : "EC keys are not allowed";
    case "allow_ed25519":
      return "Ed25519 keys are not allowed";
    case "maximum_certificate_days":
      return `certificates are valid for at most ${policy.maximum_certificate_days} days`;
    case "require_extended_key_usage":
      return "a profile's keystore certificate allows its purpose (clientAuth for client profiles, serverAuth for server profiles)";
    case "forbid_insecure_server_connections":
      return "insecure server connections are forbidden";
    case "forbid_sni_off":
      return "Server Name Indication stays on";
  }
}

/** "policy: <rule> (<what breaks it>)". */
export const violation = (policy: TlsPolicy, rule: PolicyRule, field: string, detail: string): Violation => ({
  rule,
  field,
  message: `policy: ${ruleText(policy, rule)} (${detail})`,
});
