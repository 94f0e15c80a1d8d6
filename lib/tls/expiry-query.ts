import { z } from "zod";
import { EXPIRY_BUCKETS, type ExpiryBucket } from "./expiry";

/**
 * Query of the expiry overview (REST and page alike): `?within_days=30&bucket=7&kind=keystore&store=partner-mtls
 * &limit=25&offset=0`, and `scope=all` for every organization (admin organization owners and administrators only).
 */
export const ZExpiryQuery = z.object({
  within_days: z.coerce.number().int().min(0).max(36_500).optional(),
  bucket: z
    .enum(EXPIRY_BUCKETS as [ExpiryBucket, ...ExpiryBucket[]], {
      error: `bucket must be one of ${EXPIRY_BUCKETS.join(", ")}`,
    })
    .optional(),
  kind: z.enum(["keystore", "truststore"], { error: "kind must be keystore or truststore" }).optional(),
  store: z.string().trim().min(1).max(200).optional(),
  scope: z.enum(["org", "all"], { error: "scope must be org or all" }).default("org"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ExpiryQuery = z.output<typeof ZExpiryQuery>;

/**
 * The page's query from its URL. An empty field (the filter form sends `bucket=` for "all") means "not set";
 * anything invalid falls back to the defaults rather than failing the page.
 */
export function expiryQueryFromSearchParams(searchParams: Record<string, string | string[] | undefined>): ExpiryQuery {
  const flat = Object.fromEntries(
    Object.entries(searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const parsed = ZExpiryQuery.safeParse(flat);
  return parsed.success ? parsed.data : ZExpiryQuery.parse({});
}
