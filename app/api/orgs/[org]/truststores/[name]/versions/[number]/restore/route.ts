import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { optionalJson } from "@/lib/server/faces/rest/rotation-body";
import { restoreTruststoreVersion } from "@/lib/server/stores/truststore-versions";

/** Roll back: `{confirm?}`; certificate set {number} becomes the current one, the replaced set a new version. */
export const POST = orgRoute<{ org: string; name: string; number: string }>(
  OPERATIONS.restoreTruststoreVersion,
  async (ctx, req, { name, number }) => {
    const body = await optionalJson(req);
    const restored = await restoreTruststoreVersion(ctx, name, /^\d{1,9}$/.test(number) ? Number(number) : NaN, body);
    return json(restored, 200, { etag: etag(restored.row_version) });
  },
);
