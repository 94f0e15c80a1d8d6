import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute, json } from "@/lib/server/faces/rest/handler";
import { getClientProfileVersions } from "@/lib/server/profiles/client-profiles";

/** Without a version, API Connect answers with the collection of every version of the name. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewClientProfiles, async (ctx, _req, { name }) =>
  json(await getClientProfileVersions(ctx, name)),
);
