import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion, withoutReadOnly } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { deleteTruststores, getTruststore, updateTruststore } from "@/lib/server/stores/truststores";

type Params = { org: string; name: string };

export const GET = orgRoute<Params>(OPERATIONS.viewTruststores, async (ctx, _req, { name }) => {
  const truststore = await getTruststore(ctx, name);
  return json(truststore, 200, { etag: etag(truststore.row_version) });
});

export const PATCH = orgRoute<Params>(OPERATIONS.updateTruststore, async (ctx, req, { name }) => {
  const updated = await updateTruststore(ctx, name, withoutReadOnly(await readJson(req)), expectedRowVersion(req));
  return json(updated, 200, { etag: etag(updated.row_version) });
});

export const DELETE = orgRoute<Params>(OPERATIONS.deleteTruststores, async (ctx, _req, { name }) => {
  await deleteTruststores(ctx, [name]);
  return new Response(null, { status: 204 });
});
