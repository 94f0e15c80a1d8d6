import { DEPRECATED_PROTOCOLS, PROTOCOL_LABELS, type TlsProtocol } from "../protocols";
import { type Finding, listed } from "./finding";

/** TLS 1.0 and 1.1 are deprecated (RFC 8996): no modern peer needs them and their suites are all CBC with SHA-1. */
export function lintProtocols(protocols: readonly TlsProtocol[]): Finding[] {
  const legacy = protocols.filter((p) => DEPRECATED_PROTOCOLS.has(p));
  if (legacy.length === 0) return [];
  const names = listed(legacy.map((p) => PROTOCOL_LABELS[p]));
  return [
    {
      code: "protocol.legacy_enabled",
      severity: "warning",
      message: `${names} ${legacy.length > 1 ? "are" : "is"} enabled: deprecated by RFC 8996.`,
      fix: `Turn off ${names}; keep them only for a named peer that cannot use TLS 1.2.`,
    },
  ];
}
