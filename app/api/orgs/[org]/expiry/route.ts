import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";

/** `?within_days=&bucket=&kind=&store=&limit=&offset=&scope=org|all` (lib/tls/expiry-query.ts). */
export const GET = orgRoute(OPERATIONS.viewExpiry, async (ctx, req) =>
  json(await expiryOverview(ctx, Object.fromEntries(new URL(req.url).searchParams))),
);
