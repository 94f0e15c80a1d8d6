import type { Finding } from "./finding";

/** Extended key usage OIDs (RFC 5280 §4.2.1.12). */
export const EKU = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  any: "2.5.29.37.0",
} as const;

/** What a profile knows of its keystore's leaf: null usages = no EKU extension, which allows every purpose. */
export interface KeystoreUsage {
  name: string;
  extendedKeyUsage: readonly string[] | null;
}

/**
 * A peer that checks the certificate's purpose (OpenSSL does by default) refuses a client certificate without
 * clientAuth and a server certificate without serverAuth, so the handshake fails.
 */
export function lintKeystoreUsage(role: "client" | "server", keystore: KeystoreUsage | null): Finding[] {
  const usages = keystore?.extendedKeyUsage;
  if (!keystore || !usages) return [];
  const needed = role === "client" ? EKU.clientAuth : EKU.serverAuth;
  if (usages.includes(needed) || usages.includes(EKU.any)) return [];
  const purpose =
    role === "client" ? "clientAuth (TLS client authentication)" : "serverAuth (TLS server authentication)";
  return [
    {
      code: role === "client" ? "profile.keystore_lacks_client_auth" : "profile.keystore_lacks_server_auth",
      severity: "critical",
      message: `The certificate of keystore ${keystore.name} does not allow ${purpose}: peers that check the purpose refuse it.`,
      fix: `Use a keystore whose certificate's extended key usage includes ${role === "client" ? "clientAuth" : "serverAuth"}, or have the certificate reissued with it.`,
    },
  ];
}
