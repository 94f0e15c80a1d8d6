import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { pendingBody } from "@/lib/server/faces/rest/rotation-body";
import { discardPending, getPending, preparePending } from "@/lib/server/stores/keystore-pending";

type Params = { org: string; name: string };

/** The pending material with its diff against the material in use (ADR 026). */
export const GET = orgRoute<Params>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) =>
  json(await getPending(ctx, name)),
);

/** Prepares the next material: the upload fields of a rotation, or `generate`; nothing in use changes. */
export const POST = orgRoute<Params>(OPERATIONS.prepareKeystoreRotation, async (ctx, req, { name }) =>
  json(await preparePending(ctx, name, pendingBody(await readJson(req))), 201),
);

/** Discards the pending material and any scheduled activation. */
export const DELETE = orgRoute<Params>(OPERATIONS.discardKeystoreRotation, async (ctx, _req, { name }) => {
  await discardPending(ctx, name);
  return new Response(null, { status: 204 });
});
