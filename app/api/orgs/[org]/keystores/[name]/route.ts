import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion, withoutReadOnly } from "@/lib/server/faces/rest/body";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { apicEntriesBody } from "@/lib/server/faces/rest/rotation-body";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { deleteKeystores, getKeystore, updateKeystore } from "@/lib/server/stores/keystores";

type Params = { org: string; name: string };

export const GET = orgRoute<Params>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) => {
  const keystore = await getKeystore(ctx, name);
  return json(keystore, 200, { etag: etag(keystore.row_version) });
});

export const PATCH = orgRoute<Params>(OPERATIONS.updateKeystore, async (ctx, req, { name }) => {
  const body = await readJson(req);
  // API Connect's update fields (private_key_entry, public_certificate_entry) rotate at once (ADR 026).
  const entries = apicEntriesBody(body);
  const updated = entries
    ? await replaceKeystoreMaterial(ctx, name, entries.upload, expectedRowVersion(req), entries.confirm)
    : await updateKeystore(ctx, name, withoutReadOnly(body), expectedRowVersion(req));
  return json(updated, 200, { etag: etag(updated.row_version) });
});

export const DELETE = orgRoute<Params>(OPERATIONS.deleteKeystores, async (ctx, _req, { name }) => {
  await deleteKeystores(ctx, [name]);
  return new Response(null, { status: 204 });
});
