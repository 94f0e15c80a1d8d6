import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { certificateBody } from "@/lib/server/faces/rest/material-body";
import { completePending } from "@/lib/server/stores/keystore-pending";

/** Completes a generated pending key with its signed certificate: `{certificate, allow_expired?}`, 422 at `certificate`. */
export const PUT = orgRoute<{ org: string; name: string }>(
  OPERATIONS.completeKeystoreRotation,
  async (ctx, req, { name }) => json(await completePending(ctx, name, certificateBody(await readJson(req)))),
);
