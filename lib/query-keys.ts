/** One place for react-query keys, so every write invalidates exactly what it changed. */
type ListParams = { q: string; sort: string; limit: number; offset: number };

export const queryKeys = {
  clientProfiles: (org: string) => ["orgs", org, "tls-client-profiles"] as const,
  clientProfileList: (org: string, params: ListParams) => [...queryKeys.clientProfiles(org), "list", params] as const,
  serverProfiles: (org: string) => ["orgs", org, "tls-server-profiles"] as const,
  keystores: (org: string) => ["orgs", org, "keystores"] as const,
  truststores: (org: string) => ["orgs", org, "truststores"] as const,
  webhooks: (org: string) => ["orgs", org, "webhooks"] as const,
  webhookDeliveries: (org: string, id: string) => [...queryKeys.webhooks(org), id, "deliveries"] as const,
  /** A profile's kept connection tests (client) or checks (server). */
  connectionTests: (org: string, kind: "client" | "server", name: string, version: string) =>
    ["orgs", org, kind === "client" ? "tls-client-profiles" : "tls-server-profiles", name, version, "tests"] as const,
  /** What a TLS policy (proposed or in force) refuses: the compliance view (ADR 027). */
  tlsPolicyCompliance: (org: string, policy: unknown) => ["orgs", org, "tls-policy", "compliance", policy] as const,
  /** Any of the lists above, by their REST path segment. */
  list: (org: string, resource: string, params: ListParams) => ["orgs", org, resource, "list", params] as const,
};
