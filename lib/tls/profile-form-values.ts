import type { ClientProfileDto } from "./client-profile-dto";
import type { TClientProfileInput } from "./client-profile-schema";
import type { ServerProfileDto } from "./server-profile-dto";
import type { TServerProfileInput } from "./server-profile-schema";

/** The editable part of a stored profile, as the form and the API accept it (and as the audit log records it). */
export function formValuesOf(p: ClientProfileDto): TClientProfileInput {
  return {
    title: p.title,
    name: p.name,
    version: p.version,
    summary: p.summary,
    protocols: p.protocols,
    ciphers: p.ciphers,
    insecure_server_connections: p.insecure_server_connections,
    server_name_indication: p.server_name_indication,
    keystore_url: p.keystore_url,
    truststore_url: p.truststore_url,
  };
}

export function serverFormValuesOf(p: ServerProfileDto): TServerProfileInput {
  return {
    title: p.title,
    name: p.name,
    version: p.version,
    summary: p.summary,
    protocols: p.protocols,
    ciphers: p.ciphers,
    mutual_authentication: p.mutual_authentication,
    limit_renegotiation: p.limit_renegotiation,
    keystore_url: p.keystore_url,
    truststore_url: p.truststore_url,
  };
}
