import type { CipherName } from "./ciphers";
import type { TlsProtocol } from "./protocols";
import type { MutualAuthentication } from "./server-profile-schema";

export interface ServerProfileDto {
  type: "tls_server_profile";
  api_version: "2.0.0";
  id: string;
  name: string;
  version: string;
  title: string;
  summary: string;
  protocols: TlsProtocol[];
  ciphers: CipherName[];
  mutual_authentication: MutualAuthentication;
  limit_renegotiation: boolean;
  keystore_url: string;
  truststore_url: string | null;
  is_default: boolean;
  scope: "org";
  created_at: string;
  updated_at: string;
  updated_by: string;
  row_version: number;
  url: string;
  org_url: string;
}
