import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { generateBody, keystoreBody } from "@/lib/server/faces/rest/material-body";
import { generateKeystore } from "@/lib/server/stores/keystore-generation";
import { createKeystore, listKeystores } from "@/lib/server/stores/keystores";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const GET = orgRoute(OPERATIONS.viewKeystores, async (ctx, req) => {
  const query = ZStoreListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listKeystores(ctx, query));
});

/**
 * JSON: title, name?, summary?, and one of keystore (PEM) | private_key + certificate | pkcs12 (base64), or
 * `generate` (a key made here: awaiting its certificate, or active when self-signed).
 */
export const POST = orgRoute(OPERATIONS.createKeystore, async (ctx, req) => {
  const body = await readJson(req);
  const generating = generateBody(body);
  let created;
  if (generating) created = await generateKeystore(ctx, generating.meta, generating.generate);
  else {
    const { meta, upload } = keystoreBody(body, true);
    created = await createKeystore(ctx, meta, upload);
  }
  return json(created, 201, { location: created.url, etag: etag(created.row_version) });
});
