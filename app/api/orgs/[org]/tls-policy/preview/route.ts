import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { previewPolicy } from "@/lib/server/policy/compliance";

/** What a proposed policy (the PUT body) would refuse, before it is saved; nothing is written. */
export const POST = orgRoute(OPERATIONS.viewTlsPolicyPreview, async (ctx, req) =>
  json(await previewPolicy(ctx, await readJson(req), Object.fromEntries(new URL(req.url).searchParams))),
);
