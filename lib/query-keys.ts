/** One place for react-query keys, so every write invalidates exactly what it changed. */
export const queryKeys = {
  clientProfiles: (org: string) => ["orgs", org, "tls-client-profiles"] as const,
  clientProfileList: (org: string, params: { q: string; sort: string; limit: number; offset: number }) =>
    [...queryKeys.clientProfiles(org), "list", params] as const,
};
