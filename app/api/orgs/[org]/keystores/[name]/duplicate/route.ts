import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { duplicateKeystore } from "@/lib/server/stores/keystores";

/** "Duplicate to customize": the same key and chain under `<name>-copy`, editable even when the source is a default. */
export const POST = orgRoute<{ org: string; name: string }>(
  OPERATIONS.duplicateKeystore,
  async (ctx, _req, { name }) => {
    const created = await duplicateKeystore(ctx, name);
    return json(created, 201, { location: created.url, etag: etag(created.row_version) });
  },
);
