import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { listKeystoreVersions } from "@/lib/server/stores/keystore-versions";

/** The kept earlier materials, newest first, each with the diff of restoring it. Never a key. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) =>
  json(await listKeystoreVersions(ctx, name)),
);
