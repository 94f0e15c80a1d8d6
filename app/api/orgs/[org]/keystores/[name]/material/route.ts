import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { replacementBody } from "@/lib/server/faces/rest/rotation-body";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";

/**
 * Rotation at once: new key and chain under the same name (same body as create, without title/name/summary), with
 * `confirm` naming every warning code of the diff against the material in use (ADR 026).
 */
export const PUT = orgRoute<{ org: string; name: string }>(OPERATIONS.rotateKeystore, async (ctx, req, { name }) => {
  const { upload, confirm } = replacementBody(await readJson(req));
  const updated = await replaceKeystoreMaterial(ctx, name, upload, expectedRowVersion(req), confirm);
  return json(updated, 200, { etag: etag(updated.row_version) });
});
