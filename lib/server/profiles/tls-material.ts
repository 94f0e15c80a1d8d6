import "server-only";
import type { ClientProfileTls, ServerProfileTls, TlsMaterial } from "@/lib/server/profiles/node-tls-options";
import type { OrgContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { keystoreSecret } from "@/lib/server/stores/keystores";
import { profileNotFound, storedSuites } from "@/lib/server/profiles/shared";
import { truststoreCertificates } from "@/lib/server/stores/truststores";
import type { MutualAuthentication } from "@/lib/tls/server-profile-schema";

interface StoreRefs {
  keystoreId: string | null;
  truststoreId: string | null;
}

/** A stored profile as a connection uses it: its TLS settings and its decrypted material, nothing else. */
interface ProfileForConnection<Tls> {
  id: string;
  keystoreId: string | null;
  tls: Tls;
  material: TlsMaterial;
}

async function materialOf(ctx: OrgContext, refs: StoreRefs): Promise<TlsMaterial> {
  return {
    keystore: refs.keystoreId ? await keystoreSecret(ctx.org.id, refs.keystoreId) : null,
    truststore: refs.truststoreId ? { caPems: await truststoreCertificates(ctx.org.id, refs.truststoreId) } : null,
  };
}

const where = (ctx: OrgContext, name: string, version: string) => ({
  orgId_name_version: { orgId: ctx.org.id, name, version },
});
const COMMON = { id: true, protocols: true, ciphers: true, keystoreId: true, truststoreId: true } as const;

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
  const select = { keystoreId: true, truststoreId: true } as const;
  const refs =
    kind === "client"
      ? await db().tlsClientProfile.findUnique({ where: where(ctx, name, version), select })
      : await db().tlsServerProfile.findUnique({ where: where(ctx, name, version), select });
  if (!refs) throw profileNotFound(kind, name, version);
  return materialOf(ctx, refs);
}

/**
 * A client profile for a connection test: only the columns a handshake needs (not the whole object with its
 * findings, which a test has no use for), and its material, decrypted. Server-side only, like profileMaterial.
 */
export async function clientProfileForConnection(
  ctx: OrgContext,
  name: string,
  version: string,
): Promise<ProfileForConnection<ClientProfileTls>> {
  const row = await db().tlsClientProfile.findUnique({
    where: where(ctx, name, version),
    select: { ...COMMON, insecureServerConnections: true, serverNameIndication: true },
  });
  if (!row) throw profileNotFound("client", name, version);
  return {
    id: row.id,
    keystoreId: row.keystoreId,
    tls: {
      ...storedSuites(row),
      insecure_server_connections: row.insecureServerConnections,
      server_name_indication: row.serverNameIndication,
    },
    material: await materialOf(ctx, row),
  };
}

/** A server profile for a check, as clientProfileForConnection. */
export async function serverProfileForConnection(
  ctx: OrgContext,
  name: string,
  version: string,
): Promise<ProfileForConnection<ServerProfileTls>> {
  const row = await db().tlsServerProfile.findUnique({
    where: where(ctx, name, version),
    select: { ...COMMON, mutualAuthentication: true, limitRenegotiation: true },
  });
  if (!row) throw profileNotFound("server", name, version);
  return {
    id: row.id,
    keystoreId: row.keystoreId,
    tls: {
      ...storedSuites(row),
      mutual_authentication: row.mutualAuthentication as MutualAuthentication,
      limit_renegotiation: row.limitRenegotiation,
    },
    material: await materialOf(ctx, row),
  };
}
