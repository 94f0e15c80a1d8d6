import type { CipherName } from "./ciphers";
import type { DataPowerNames } from "./datapower-names";
import type { Finding } from "./lint/finding";
import type { TlsProtocol } from "./protocols";

/** Fields every profile DTO has, client or server: API Connect's shape plus the row version. */
export interface ProfileDtoBase {
  api_version: "2.0.0";
  id: string;
  name: string;
  version: string;
  title: string;
  summary: string;
  protocols: TlsProtocol[];
  ciphers: CipherName[];
  truststore_url: string | null;
  is_default: boolean;
  scope: "org";
  created_at: string;
  updated_at: string;
  updated_by: string;
  row_version: number;
  url: string;
  org_url: string;
  /** Lint findings, most severe first (ADR 025). */
  findings: Finding[];
  /** The names the gateway holds the profile under once published. */
  datapower_names: DataPowerNames;
}
