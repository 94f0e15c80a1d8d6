import "server-only";
import type { TlsMaterial } from "@/lib/server/profiles/node-tls-options";
import type { OrgContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { keystoreSecret } from "@/lib/server/stores/keystores";
import { profileNotFound } from "@/lib/server/profiles/shared";
import { truststoreCertificates } from "@/lib/server/stores/truststores";

/**
 * The key material a stored profile refers to, decrypted for building Node TLS options in this process.
 * Server-side only: the result must never be serialised to a client or a log.
 */
export async function profileMaterial(
  ctx: OrgContext,
  kind: "client" | "server",
  name: string,
  version: string,
): Promise<TlsMaterial> {
  const where = { orgId_name_version: { orgId: ctx.org.id, name, version } };
  const select = { keystoreId: true, truststoreId: true } as const;
  const refs =
    kind === "client"
      ? await db().tlsClientProfile.findUnique({ where, select })
      : await db().tlsServerProfile.findUnique({ where, select });
  if (!refs) throw profileNotFound(kind, name, version);
  return {
    keystore: refs.keystoreId ? await keystoreSecret(ctx.org.id, refs.keystoreId) : null,
    truststore: refs.truststoreId ? { caPems: await truststoreCertificates(ctx.org.id, refs.truststoreId) } : null,
  };
}
