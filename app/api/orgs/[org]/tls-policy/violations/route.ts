import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { policyViolations } from "@/lib/server/policy/compliance";

/** Every profile and keystore the policy in force refuses: `?limit=&offset=`. */
export const GET = orgRoute(OPERATIONS.viewTlsPolicy, async (ctx, req) =>
  json(await policyViolations(ctx, Object.fromEntries(new URL(req.url).searchParams))),
);
