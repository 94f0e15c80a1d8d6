import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { pendingCsrPem } from "@/lib/server/stores/keystore-pending";

/** The certificate signing request of a generated pending key: public, for the CA. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) => {
  return new Response(await pendingCsrPem(ctx, name), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.next.csr.pem"`,
    },
  });
});
