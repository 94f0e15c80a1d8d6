import type { ProfileDtoBase } from "./profile-dto-base";
import type { MutualAuthentication } from "./server-profile-schema";

/** What leaves the data layer for a TLS server profile: its keystore is required. */
export interface ServerProfileDto extends ProfileDtoBase {
  type: "tls_server_profile";
  mutual_authentication: MutualAuthentication;
  limit_renegotiation: boolean;
  keystore_url: string;
}
