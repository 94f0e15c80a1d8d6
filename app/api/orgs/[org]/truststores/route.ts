import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { truststoreBody } from "@/lib/server/faces/rest/material-body";
import { createTruststore, listTruststores } from "@/lib/server/stores/truststores";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const GET = orgRoute(OPERATIONS.viewTruststores, async (ctx, req) => {
  const query = ZStoreListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listTruststores(ctx, query));
});

/** JSON: title, name?, summary?, and truststore (PEM bundle) or pkcs12 (base64, certificates only). */
export const POST = orgRoute(OPERATIONS.createTruststore, async (ctx, req) => {
  const { meta, upload } = truststoreBody(await readJson(req), true);
  const created = await createTruststore(ctx, meta, upload);
  return json(created, 201, { location: created.url, etag: etag(created.row_version) });
});
