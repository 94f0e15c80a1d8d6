import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { certificateBody } from "@/lib/server/faces/rest/material-body";
import { completeKeystore } from "@/lib/server/stores/keystore-generation";

/** Completes a keystore awaiting its certificate: `{certificate, allow_expired?}`; refusals are 422 at `certificate`. */
export const PUT = orgRoute<{ org: string; name: string }>(OPERATIONS.completeKeystore, async (ctx, req, { name }) => {
  const completed = await completeKeystore(ctx, name, certificateBody(await readJson(req)), expectedRowVersion(req));
  return json(completed, 200, { etag: etag(completed.row_version) });
});
