import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { keystoreChainPem } from "@/lib/server/stores/keystores";

/** The public certificate chain only; the private key has no download route at all. */
export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewKeystores, async (ctx, _req, { name }) => {
  return new Response(await keystoreChainPem(ctx, name), {
    headers: {
      "content-type": "application/x-pem-file",
      "content-disposition": `attachment; filename="${name}-chain.pem"`,
    },
  });
});
