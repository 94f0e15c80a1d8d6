import type { ProfileDtoBase } from "./profile-dto-base";

/** What leaves the data layer for a TLS client profile. */
export interface ClientProfileDto extends ProfileDtoBase {
  type: "tls_client_profile";
  insecure_server_connections: boolean;
  server_name_indication: boolean;
  keystore_url: string | null;
}
