import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { getTlsPolicy, saveTlsPolicy } from "@/lib/server/policy/policy";

export const GET = orgRoute(OPERATIONS.viewTlsPolicy, async (ctx) => json(await getTlsPolicy(ctx)));

/** The whole policy, replaced; a field left out takes its neutral value (no limit). */
export const PUT = orgRoute(OPERATIONS.saveTlsPolicy, async (ctx, req) =>
  json(await saveTlsPolicy(ctx, await readJson(req))),
);
