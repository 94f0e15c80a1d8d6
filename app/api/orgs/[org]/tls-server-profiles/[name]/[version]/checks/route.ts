import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { serverProfileChecks } from "@/lib/server/probes/server-check";

type Params = { org: string; name: string; version: string };

export const GET = orgRoute<Params>(OPERATIONS.viewConnectionTests, async (ctx, _req, { name, version }) => {
  const results = await serverProfileChecks(ctx, name, version);
  return json({ total_results: results.length, results });
});
