/** TLS protocol versions as API Connect names them, oldest first. */
export const TLS_PROTOCOLS = ["tls_v1.0", "tls_v1.1", "tls_v1.2", "tls_v1.3"] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];

export const DEFAULT_PROTOCOLS: TlsProtocol[] = ["tls_v1.2", "tls_v1.3"];

/** TLS 1.0 and 1.1 were deprecated by RFC 8996; they stay selectable because API Connect allows them. */
export const DEPRECATED_PROTOCOLS: ReadonlySet<TlsProtocol> = new Set(["tls_v1.0", "tls_v1.1"]);

export const PROTOCOL_LABELS: Record<TlsProtocol, string> = {
  "tls_v1.0": "TLS 1.0",
  "tls_v1.1": "TLS 1.1",
  "tls_v1.2": "TLS 1.2",
  "tls_v1.3": "TLS 1.3",
};

/** Keeps the canonical order so that equal selections are stored identically. */
export function sortProtocols(protocols: readonly TlsProtocol[]): TlsProtocol[] {
  return TLS_PROTOCOLS.filter((p) => protocols.includes(p));
}
