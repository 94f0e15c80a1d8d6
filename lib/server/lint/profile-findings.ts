import "server-only";
import type { KeystoreUsage } from "@/lib/tls/lint/key-usage";
import {
  type ClientProfileFacts,
  lintClientProfile,
  lintServerProfile,
  type ServerProfileFacts,
} from "@/lib/tls/lint/profile";
import type { MutualAuthentication } from "@/lib/tls/server-profile-schema";
import { extendedKeyUsageOf } from "@/lib/server/lint/leaf-usage";
import { storedSuites } from "@/lib/server/profiles/shared";

/** A profile row's keystore as read with `WITH_STORES` (lib/server/profiles/store-refs.ts): its name and leaf. */
interface KeystoreWithLeaf {
  name: string;
  certificates: { sha256: string; pem: string }[];
}

function keystoreUsage(keystore: KeystoreWithLeaf | null): KeystoreUsage | null {
  const leaf = keystore?.certificates[0];
  return keystore && leaf ? { name: keystore.name, extendedKeyUsage: extendedKeyUsageOf(leaf) } : null;
}

/** The columns of a stored client profile that lint and the policy read, besides its keystore. */
interface ClientProfileColumns {
  protocols: string;
  ciphers: string;
  insecureServerConnections: boolean;
  serverNameIndication: boolean;
}

interface ServerProfileColumns {
  protocols: string;
  ciphers: string;
  mutualAuthentication: string;
}

/**
 * The facts of a stored client profile with its keystore's usage already known: the compliance view reads each
 * keystore's leaf once per report, not once per profile row.
 */
export const clientFactsOf = (row: ClientProfileColumns, keystore: KeystoreUsage | null): ClientProfileFacts => ({
  ...storedSuites(row),
  insecure_server_connections: row.insecureServerConnections,
  server_name_indication: row.serverNameIndication,
  keystore,
});

export const serverFactsOf = (row: ServerProfileColumns, keystore: KeystoreUsage | null): ServerProfileFacts => ({
  ...storedSuites(row),
  mutual_authentication: row.mutualAuthentication as MutualAuthentication,
  keystore,
});

/** The facts lint and the policy (ADR 027) read of a stored client profile. */
export const clientProfileFacts = (row: ClientProfileColumns & { keystore: KeystoreWithLeaf | null }) =>
  clientFactsOf(row, keystoreUsage(row.keystore));

export const serverProfileFacts = (row: ServerProfileColumns & { keystore: KeystoreWithLeaf | null }) =>
  serverFactsOf(row, keystoreUsage(row.keystore));

export const clientProfileFindings = (row: Parameters<typeof clientProfileFacts>[0]) =>
  lintClientProfile(clientProfileFacts(row));

export const serverProfileFindings = (row: Parameters<typeof serverProfileFacts>[0]) =>
  lintServerProfile(serverProfileFacts(row));
