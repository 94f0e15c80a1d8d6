import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { keystoreCsrPem } from "@/lib/server/stores/keystore-generation";

/** The certificate signing request of a keystore awaiting its certificate: public, for the CA. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) => {
  return new Response(await keystoreCsrPem(ctx, name), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csr.pem"`,
    },
  });
});
