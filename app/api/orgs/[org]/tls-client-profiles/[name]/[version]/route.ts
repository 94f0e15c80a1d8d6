import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute, json, readJson } from "@/lib/server/faces/rest/handler";
import { etag, expectedRowVersion, withoutReadOnly } from "@/lib/server/faces/rest/body";
import { deleteClientProfiles, getClientProfile, updateClientProfile } from "@/lib/server/profiles/client-profiles";

type Params = { org: string; name: string; version: string };

export const GET = orgRoute<Params>(OPERATIONS.viewClientProfiles, async (ctx, _req, { name, version }) => {
  const profile = await getClientProfile(ctx, name, version);
  return json(profile, 200, { etag: etag(profile.row_version) });
});

export const PATCH = orgRoute<Params>(OPERATIONS.updateClientProfile, async (ctx, req, { name, version }) => {
  const body = withoutReadOnly(await readJson(req));
  const updated = await updateClientProfile(ctx, name, version, body, expectedRowVersion(req));
  return json(updated, 200, { etag: etag(updated.row_version) });
});

export const DELETE = orgRoute<Params>(OPERATIONS.deleteClientProfiles, async (ctx, _req, { name, version }) => {
  await deleteClientProfiles(ctx, [{ name, version }]);
  return new Response(null, { status: 204 });
});
