import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { optionalJson } from "@/lib/server/faces/rest/rotation-body";
import { restoreKeystoreVersion } from "@/lib/server/stores/keystore-versions";

/** Roll back: `{confirm?}`; version {number} becomes the current material, the replaced one a new version. */
export const POST = orgRoute<{ org: string; name: string; number: string }>(
  OPERATIONS.restoreKeystoreVersion,
  async (ctx, req, { name, number }) => {
    const body = await optionalJson(req);
    const restored = await restoreKeystoreVersion(ctx, name, versionNumber(number), body);
    return json(restored, 200, { etag: etag(restored.row_version) });
  },
);

const versionNumber = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : NaN);
