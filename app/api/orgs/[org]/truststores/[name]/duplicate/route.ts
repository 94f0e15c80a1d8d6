import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { duplicateTruststore } from "@/lib/server/stores/truststores";

/** "Duplicate to customize": the same certificates under `<name>-copy`. */
export const POST = orgRoute<{ org: string; name: string }>(
  OPERATIONS.duplicateTruststore,
  async (ctx, _req, { name }) => {
    const created = await duplicateTruststore(ctx, name);
    return json(created, 201, { location: created.url, etag: etag(created.row_version) });
  },
);
