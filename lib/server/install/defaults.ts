import "server-only";
import { issue } from "@/lib/crypto/pki";
import {
  DEFAULT_CLIENT_PROFILES,
  DEFAULT_KEYSTORES,
  DEFAULT_SERVER_PROFILES,
  DEFAULT_TRUSTSTORES,
} from "@/lib/tls/defaults";
import type { OrgContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createTruststore } from "@/lib/server/stores/truststores";

const pem = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });
const asIs = (part: string) => part;

/**
 * Creates the installation's default keystores, truststores and profiles in the admin organization, with key
 * material made here: an internal CA issues every certificate and the truststores hold that CA. The CA's own
 * key is used once and not kept. Idempotent: does nothing once the defaults exist.
 */
export async function ensureDefaults(ctx: OrgContext): Promise<boolean> {
  const present = await db().keystore.count({ where: { orgId: ctx.org.id, isDefault: true } });
  if (present > 0) return false;
  const now = new Date();
  const ca = issue(now, {
    commonName: "TLS Console internal CA",
    organization: ctx.org.title,
    usage: "ca",
    toDays: 3650,
    keyKind: "ec-p384",
  });
  for (const ks of DEFAULT_KEYSTORES) {
    const pair = issue(
      now,
      {
        commonName: ks.commonName,
        usage: ks.usage,
        keyKind: ks.usage === "signing" ? "rsa-2048" : "ec-p256",
        dnsNames: ks.usage === "server" ? [ks.commonName, "localhost"] : undefined,
      },
      ca,
    );
    await createKeystore(
      ctx,
      { title: ks.title, name: ks.name, summary: "Created at installation." },
      {
        files: [pem(`${ks.name}.pem`, pair.keyPem + pair.certPem + ca.certPem)],
        password: "",
        allowExpired: false,
        fileField: asIs,
      },
      true,
    );
  }
  for (const ts of DEFAULT_TRUSTSTORES) {
    await createTruststore(
      ctx,
      { ...ts, summary: "Holds the installation's internal CA." },
      { files: [pem(`${ts.name}.pem`, ca.certPem)], password: "", fileField: asIs },
      true,
    );
  }
  for (const profile of DEFAULT_SERVER_PROFILES) await createServerProfile(ctx, profile, true);
  for (const profile of DEFAULT_CLIENT_PROFILES) await createClientProfile(ctx, profile, true);
  return true;
}
