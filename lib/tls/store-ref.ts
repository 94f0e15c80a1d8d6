/** Keystore and truststore references: API Connect's `…_url` or a bare name (no Node, no zod: browsers use it). */
export type StoreKind = "keystore" | "truststore";
export const STORE_PATH = { keystore: "keystores", truststore: "truststores" } as const;

/** The organization a reference URL names (absent for a bare name) and the store's name. */
export function parseStoreRef(kind: StoreKind, ref: string): { org?: string; name: string } {
  const match = ref.match(new RegExp(`/orgs/([^/]+)/${STORE_PATH[kind]}/([^/?#]+)/?$`));
  return match ? { org: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) } : { name: ref };
}
