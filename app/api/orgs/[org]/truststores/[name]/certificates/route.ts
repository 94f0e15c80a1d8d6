import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { truststoreBody } from "@/lib/server/faces/rest/material-body";
import { addTruststoreCertificates } from "@/lib/server/stores/truststores";

/** Adds certificates (same body as create, without title/name/summary); duplicates are merged. */
export const POST = orgRoute<{ org: string; name: string }>(
  OPERATIONS.addTruststoreCertificates,
  async (ctx, req, { name }) => {
    const { upload } = truststoreBody(await readJson(req), false);
    const updated = await addTruststoreCertificates(ctx, name, upload, expectedRowVersion(req));
    return json(updated, 200, { etag: etag(updated.row_version) });
  },
);
