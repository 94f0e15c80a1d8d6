/** Kept free of zod: the Expiry page builds its links in the browser without shipping the validator. */
import type { ExpiryBucket } from "./expiry";

/** The filters an Expiry page URL carries (scope is in the path, not the query). */
export interface ExpiryFilters {
  bucket?: ExpiryBucket;
  kind?: "keystore" | "truststore";
  store?: string;
  within_days?: number;
  limit: number;
  offset: number;
}

/** `path` with the filters after `changes`, defaults left out so shared links stay short. */
export function expiryHref(path: string, filters: ExpiryFilters, changes: Partial<ExpiryFilters>): string {
  const next = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const key of ["bucket", "kind", "store", "within_days"] as const) {
    const value = next[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (next.limit !== 25) params.set("limit", String(next.limit));
  if (next.offset !== 0) params.set("offset", String(next.offset));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
