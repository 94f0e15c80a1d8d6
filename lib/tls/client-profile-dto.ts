import type { CipherName } from "./ciphers";
import type { TlsProtocol } from "./protocols";

/** What leaves the data layer: API Connect's JSON shape plus the row version for optimistic concurrency. */
export interface ClientProfileDto {
  type: "tls_client_profile";
  api_version: "2.0.0";
  id: string;
  name: string;
  version: string;
  title: string;
  summary: string;
  protocols: TlsProtocol[];
  ciphers: CipherName[];
  insecure_server_connections: boolean;
  server_name_indication: boolean;
  keystore_url: string | null;
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
