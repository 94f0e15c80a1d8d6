import { decodePercent } from "./percent";

/** Keystore and truststore references: API Connect's `…_url` or a bare name (no Node, no zod: browsers use it). */
export type StoreKind = "keystore" | "truststore";
export const STORE_PATH = { keystore: "keystores", truststore: "truststores" } as const;

/**
 * The organization a reference URL names (absent for a bare name) and the store's name. A URL with a malformed
 * escape is kept whole as a name no store can have (names are slugs), so it is refused as "no such store".
 */
export function parseStoreRef(kind: StoreKind, ref: string): { org?: string; name: string } {
  const match = ref.match(new RegExp(`/orgs/([^/]+)/${STORE_PATH[kind]}/([^/?#]+)/?$`));
  if (!match) return { name: ref };
  const [org, name] = [decodePercent(match[1]), decodePercent(match[2])];
  return org === undefined || name === undefined ? { name: ref } : { org, name };
}
