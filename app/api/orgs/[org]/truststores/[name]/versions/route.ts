import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { listTruststoreVersions } from "@/lib/server/stores/truststore-versions";

/** The kept earlier certificate sets, newest first, each with the diff of restoring it. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewTruststores, async (ctx, _req, { name }) =>
  json(await listTruststoreVersions(ctx, name)),
);
