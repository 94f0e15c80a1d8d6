import { OPERATIONS } from "@/lib/auth/operations";
import { etag, expectedRowVersion } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { removeTruststoreCertificate } from "@/lib/server/stores/truststores";

type Params = { org: string; name: string; fingerprint: string };

/** The fingerprint is the certificate's SHA-256, colons optional in the URL. */
export const DELETE = orgRoute<Params>(
  OPERATIONS.removeTruststoreCertificate,
  async (ctx, req, { name, fingerprint }) => {
    const colons = fingerprint.includes(":") ? fingerprint : (fingerprint.match(/.{2}/g) ?? []).join(":");
    const updated = await removeTruststoreCertificate(ctx, name, colons, expectedRowVersion(req));
    return json(updated, 200, { etag: etag(updated.row_version) });
  },
);
