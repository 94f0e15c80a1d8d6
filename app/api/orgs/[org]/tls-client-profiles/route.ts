import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute, json, readJson } from "@/lib/server/faces/rest/handler";
import { withoutReadOnly, etag } from "@/lib/server/faces/rest/body";
import { createClientProfile, listClientProfiles } from "@/lib/server/profiles/client-profiles";
import { ZListQuery } from "@/lib/tls/list-query";

export const GET = orgRoute(OPERATIONS.viewClientProfiles, async (ctx, req) => {
  const query = ZListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listClientProfiles(ctx, query));
});

export const POST = orgRoute(OPERATIONS.createClientProfile, async (ctx, req) => {
  const created = await createClientProfile(ctx, withoutReadOnly(await readJson(req)));
  return json(created, 201, { location: created.url, etag: etag(created.row_version) });
});
