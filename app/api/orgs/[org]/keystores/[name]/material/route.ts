import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { keystoreBody } from "@/lib/server/faces/rest/material-body";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystores";

/** Rotation: new key and chain under the same name (same body as create, without title/name/summary). */
export const PUT = orgRoute<{ org: string; name: string }>(OPERATIONS.rotateKeystore, async (ctx, req, { name }) => {
  const { upload } = keystoreBody(await readJson(req), false);
  const updated = await replaceKeystoreMaterial(ctx, name, upload, expectedRowVersion(req));
  return json(updated, 200, { etag: etag(updated.row_version) });
});
