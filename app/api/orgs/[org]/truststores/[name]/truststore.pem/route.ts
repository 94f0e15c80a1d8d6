import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { truststorePem } from "@/lib/server/stores/truststores";

export const GET = orgRoute<{ org: string; name: string }>(OPERATIONS.viewTruststores, async (ctx, _req, { name }) => {
  return new Response(await truststorePem(ctx, name), {
    headers: { "content-type": "application/x-pem-file", "content-disposition": `attachment; filename="${name}.pem"` },
  });
});
