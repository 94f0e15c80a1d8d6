import { OPERATIONS } from "@/lib/auth/operations";
import { etag, withoutReadOnly } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { createServerProfile, listServerProfiles } from "@/lib/server/profiles/server-profiles";
import { ZListQuery } from "@/lib/tls/list-query";

export const GET = orgRoute(OPERATIONS.viewServerProfiles, async (ctx, req) => {
  const query = ZListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listServerProfiles(ctx, query));
});

export const POST = orgRoute(OPERATIONS.createServerProfile, async (ctx, req) => {
  const created = await createServerProfile(ctx, withoutReadOnly(await readJson(req)));
  return json(created, 201, { location: created.url, etag: etag(created.row_version) });
});
