import type { ClientProfileDto } from "./client-profile-dto";
import type { TClientProfileInput } from "./client-profile-schema";

/** The editable part of a stored profile, as the form and the API accept it. */
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
  };
}
