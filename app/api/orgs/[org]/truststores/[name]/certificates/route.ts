import { etag, expectedRowVersion } from "@/lib/server/api/body";
import { json, orgRoute, readJson } from "@/lib/server/api/handler";
import { truststoreBody } from "@/lib/server/api/material-body";
import { addTruststoreCertificates } from "@/lib/server/truststores";

/** Adds certificates (same body as create, without title/name/summary); duplicates are merged. */
export const POST = orgRoute<{ org: string; name: string }>("settings:manage", async (ctx, req, { name }) => {
  const { upload } = truststoreBody(await readJson(req), false);
  const updated = await addTruststoreCertificates(ctx, name, upload, expectedRowVersion(req));
  return json(updated, 200, { etag: etag(updated.row_version) });
});
