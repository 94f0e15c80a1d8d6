import "server-only";
import type { CipherName } from "@/lib/tls/ciphers";
import type { KeystoreUsage } from "@/lib/tls/lint/key-usage";
import {
  type ClientProfileFacts,
  lintClientProfile,
  lintServerProfile,
  type ServerProfileFacts,
} from "@/lib/tls/lint/profile";
import type { TlsProtocol } from "@/lib/tls/protocols";
import type { MutualAuthentication } from "@/lib/tls/server-profile-schema";
import { extendedKeyUsageOf } from "@/lib/server/lint/leaf-usage";

/**
 * Profile rows read with this keystore include carry their keystore's leaf, so a page of profiles gets its findings
 * from the same query (Prisma loads the nested relation in one batched query, not one per row).
 */
export const KEYSTORE_WITH_LEAF = {
  select: { name: true, certificates: { where: { position: 0 }, select: { sha256: true, pem: true } } },
} as const;

interface KeystoreWithLeaf {
  name: string;
  certificates: { sha256: string; pem: string }[];
}

function keystoreUsage(keystore: KeystoreWithLeaf | null): KeystoreUsage | null {
  const leaf = keystore?.certificates[0];
  return keystore && leaf ? { name: keystore.name, extendedKeyUsage: extendedKeyUsageOf(leaf) } : null;
}

const lists = (row: { protocols: string; ciphers: string }) => ({
  protocols: row.protocols.split(",").filter(Boolean) as TlsProtocol[],
  ciphers: row.ciphers.split(",").filter(Boolean) as CipherName[],
});

/** The facts lint and the policy (ADR 027) read of a stored client profile. */
export const clientProfileFacts = (row: {
  protocols: string;
  ciphers: string;
  insecureServerConnections: boolean;
  serverNameIndication: boolean;
  keystore: KeystoreWithLeaf | null;
}): ClientProfileFacts => ({
  ...lists(row),
  insecure_server_connections: row.insecureServerConnections,
  server_name_indication: row.serverNameIndication,
  keystore: keystoreUsage(row.keystore),
});

export const serverProfileFacts = (row: {
  protocols: string;
  ciphers: string;
  mutualAuthentication: string;
  keystore: KeystoreWithLeaf | null;
}): ServerProfileFacts => ({
  ...lists(row),
  mutual_authentication: row.mutualAuthentication as MutualAuthentication,
  keystore: keystoreUsage(row.keystore),
});

export const clientProfileFindings = (row: Parameters<typeof clientProfileFacts>[0]) =>
  lintClientProfile(clientProfileFacts(row));

export const serverProfileFindings = (row: Parameters<typeof serverProfileFacts>[0]) =>
  lintServerProfile(serverProfileFacts(row));
