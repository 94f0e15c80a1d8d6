import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { clientProfileTests } from "@/lib/server/probes/connection-tests";

type Params = { org: string; name: string; version: string };

export const GET = orgRoute<Params>(OPERATIONS.viewConnectionTests, async (ctx, _req, { name, version }) => {
  const results = await clientProfileTests(ctx, name, version);
  return json({ total_results: results.length, results });
});
