import { isIP } from "node:net";
import { constants } from "node:crypto";
import { checkServerIdentity, type ConnectionOptions, type SecureVersion, type TlsOptions } from "node:tls";
import { CIPHER_BY_NAME, type CipherName } from "@/lib/tls/ciphers";
import { sortProtocols, TLS_PROTOCOLS, type TlsProtocol } from "@/lib/tls/protocols";
import type { MutualAuthentication } from "@/lib/tls/server-profile-schema";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";

/**
 * The one place a profile becomes Node TLS options. Handshake tests, "Test connection" and anything else that
 * speaks TLS on a profile's behalf go through here, so what is tested is what is configured.
 */
export interface TlsMaterial {
  keystore?: { keyPem: string; chainPem: string } | null;
  truststore?: { caPems: string[] } | null;
}

interface ProfileCore {
  protocols: TlsProtocol[];
  ciphers: CipherName[];
}

const NODE_VERSION: Record<TlsProtocol, SecureVersion> = {
  "tls_v1.0": "TLSv1",
  "tls_v1.1": "TLSv1.1",
  "tls_v1.2": "TLSv1.2",
  "tls_v1.3": "TLSv1.3",
};
const NO_PROTOCOL: Record<TlsProtocol, number> = {
  "tls_v1.0": constants.SSL_OP_NO_TLSv1,
  "tls_v1.1": constants.SSL_OP_NO_TLSv1_1,
  "tls_v1.2": constants.SSL_OP_NO_TLSv1_2,
  "tls_v1.3": constants.SSL_OP_NO_TLSv1_3,
};

function core(profile: ProfileCore) {
  const protocols = sortProtocols(profile.protocols);
  const lowest = TLS_PROTOCOLS.indexOf(protocols[0]);
  const highest = TLS_PROTOCOLS.indexOf(protocols[protocols.length - 1]);
  // min/max cannot express a gap (1.0 and 1.2 without 1.1); the NO_ options close it.
  let secureOptions = 0;
  for (let i = lowest; i <= highest; i++)
    if (!protocols.includes(TLS_PROTOCOLS[i])) secureOptions |= NO_PROTOCOL[TLS_PROTOCOLS[i]];
  const names = effectiveCiphers(protocols, profile.ciphers).map((c) => CIPHER_BY_NAME.get(c)!.openssl);
  // OpenSSL 3 refuses TLS 1.0/1.1 handshakes (SHA-1 signatures) above security level 0; the user chose them.
  const legacy = protocols.includes("tls_v1.0") || protocols.includes("tls_v1.1");
  return {
    minVersion: NODE_VERSION[protocols[0]],
    maxVersion: NODE_VERSION[protocols[protocols.length - 1]],
    ciphers: [...names, ...(legacy ? ["@SECLEVEL=0"] : [])].join(":"),
    secureOptions,
  };
}

function identity(material: TlsMaterial) {
  return {
    ...(material.keystore ? { key: material.keystore.keyPem, cert: material.keystore.chainPem } : {}),
    ...(material.truststore ? { ca: material.truststore.caPems } : {}),
  };
}

export interface ClientProfileTls extends ProfileCore {
  insecure_server_connections: boolean;
  server_name_indication: boolean;
}

/** Options for `tls.connect` to `host` with a client profile. */
export function clientTlsOptions(profile: ClientProfileTls, material: TlsMaterial, host: string): ConnectionOptions {
  const options = core(profile);
  return {
    ...options,
    ...identity(material),
    host,
    rejectUnauthorized: !profile.insecure_server_connections,
    // Node sends the host as SNI unless given a servername; an empty one sends none, as for an address (RFC 6066).
    servername: profile.server_name_indication && isIP(host) === 0 ? host : "",
    // Without SNI Node would check the certificate against the address dialled; the profile means `host`.
    checkServerIdentity: (_servername, cert) => checkServerIdentity(host, cert),
  };
}

export interface ServerProfileTls extends ProfileCore {
  mutual_authentication: MutualAuthentication;
  limit_renegotiation: boolean;
}

/** Options for `tls.createServer` with a server profile. */
export function serverTlsOptions(profile: ServerProfileTls, material: TlsMaterial): TlsOptions {
  const options = core(profile);
  return {
    ...options,
    ...identity(material),
    secureOptions: options.secureOptions | (profile.limit_renegotiation ? constants.SSL_OP_NO_RENEGOTIATION : 0),
    requestCert: profile.mutual_authentication !== "none",
    rejectUnauthorized: profile.mutual_authentication === "require",
  };
}
