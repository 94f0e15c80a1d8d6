import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { testClientProfile } from "@/lib/server/probes/connection-tests";

type Params = { org: string; name: string; version: string };

/** A finished handshake answers 200 whether it succeeded or not (`ok`, `code`); refusals are 4xx. */
export const POST = orgRoute<Params>(OPERATIONS.testClientProfile, async (ctx, req, { name, version }) =>
  json(await testClientProfile(ctx, name, version, await readJson(req))),
);
