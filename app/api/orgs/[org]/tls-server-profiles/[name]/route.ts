import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { getServerProfileVersions } from "@/lib/server/profiles/server-profiles";

/** Without a version, API Connect answers with the collection of every version of the name. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewServerProfiles, async (ctx, _req, { name }) =>
  json(await getServerProfileVersions(ctx, name)),
);
