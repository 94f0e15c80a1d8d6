import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion, withoutReadOnly } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { deleteServerProfiles, getServerProfile, updateServerProfile } from "@/lib/server/profiles/server-profiles";

type Params = { org: string; name: string; version: string };

export const GET = orgRoute<Params>(OPERATIONS.viewServerProfiles, async (ctx, _req, { name, version }) => {
  const profile = await getServerProfile(ctx, name, version);
  return json(profile, 200, { etag: etag(profile.row_version) });
});

export const PATCH = orgRoute<Params>(OPERATIONS.updateServerProfile, async (ctx, req, { name, version }) => {
  const updated = await updateServerProfile(
    ctx,
    name,
    version,
    withoutReadOnly(await readJson(req)),
    expectedRowVersion(req),
  );
  return json(updated, 200, { etag: etag(updated.row_version) });
});

export const DELETE = orgRoute<Params>(OPERATIONS.deleteServerProfiles, async (ctx, _req, { name, version }) => {
  await deleteServerProfiles(ctx, [{ name, version }]);
  return new Response(null, { status: 204 });
});
