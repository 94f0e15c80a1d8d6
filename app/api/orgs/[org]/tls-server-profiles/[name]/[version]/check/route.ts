import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { checkServerProfile } from "@/lib/server/probes/server-check";

type Params = { org: string; name: string; version: string };

/** A finished handshake answers 200 whether it succeeded or not (`ok`, `code`); refusals are 4xx. */
export const POST = orgRoute<Params>(OPERATIONS.checkServerProfile, async (ctx, req, { name, version }) =>
  json(await checkServerProfile(ctx, name, version, await readJson(req))),
);
