import "server-only";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/server/access/require-org";
import { historyOf, keepResult } from "@/lib/server/probes/connection-history";
import { runOnProbeThread } from "@/lib/server/probes/probe-pool";
import { withProbeSlot } from "@/lib/server/probes/probe-slots";
import { serverNameToSend } from "@/lib/server/probes/server-name";
import { getServerProfile } from "@/lib/server/profiles/server-profiles";
import { clientProfileForConnection, serverProfileForConnection } from "@/lib/server/profiles/tls-material";
import { db } from "@/lib/server/platform/db";
import { decodePercent } from "@/lib/tls/percent";
import {
  type ConnectionTestRecord,
  type ConnectionTestResult,
  type ServerCheckInput,
  ZServerCheckInput,
} from "@/lib/tls/connection-test";

const FIELD = "client_profile_url";

/** Another organization's profile and a missing one get the same words: a reference never reveals existence. */
const noSuchClientProfile = (ref: string) => {
  const message = `No TLS client profile "${ref}" in this organization. Choose one of its client profiles.`;
  return new AppError("VALIDATION", message, [{ field: FIELD, message }]);
};

const REST_URL = /^(?:https?:\/\/[^/]+)?\/api\/orgs\/([^/]+)\/tls-client-profiles\/([^/]+)(?:\/([^/?#]+))?\/?$/;

/** `client_profile_url`: the REST url (this organization's only), `name:version`, or `name` for its newest version. */
async function resolveClientProfile(ctx: OrgContext, ref: string) {
  const url = ref.match(REST_URL);
  let name: string;
  let version: string | undefined;
  if (url) {
    // A malformed escape names nothing (decodePercent: undefined), like another organization's profile.
    const [org, n, v] = url.slice(1, 4).map((part) => (part === undefined ? "" : decodePercent(part)));
    if (org !== ctx.org.name || !n || v === undefined) throw noSuchClientProfile(ref);
    name = n;
    version = v || undefined;
  } else if (ref.includes("/")) {
    throw noSuchClientProfile(ref);
  } else {
    [name, version] = ref.includes(":") ? [ref.slice(0, ref.indexOf(":")), ref.slice(ref.indexOf(":") + 1)] : [ref];
  }
  version ??= (
    await db().tlsClientProfile.findFirst({
      where: { orgId: ctx.org.id, name },
      orderBy: { createdAt: "desc" },
      select: { version: true },
    })
  )?.version;
  if (version === undefined) throw noSuchClientProfile(ref);
  try {
    return { name, version, ...(await clientProfileForConnection(ctx, name, version)) };
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw noSuchClientProfile(ref);
    throw e;
  }
}

/** The common name of an X.500 subject as the data layer stores it ("CN=api.example.com, O=Example"). */
const commonName = (subject: string) => subject.match(/(?:^|,\s*)CN=([^,]+)/)?.[1]?.trim();

/** The name a client would reach the server by: the first DNS name of its certificate, else its common name. */
async function certificateName(ctx: OrgContext, keystoreId: string): Promise<string | undefined> {
  const leaf = await db().certificate.findFirst({
    where: { keystoreId, orgId: ctx.org.id },
    orderBy: { position: "asc" },
    select: { subjectAltNames: true, subject: true },
  });
  if (!leaf) return undefined;
  const dns = leaf.subjectAltNames
    .split("\n")
    .find((san) => san.startsWith("DNS:"))
    ?.slice(4);
  return dns || commonName(leaf.subject);
}

/**
 * "Check with a client profile": a listener from the server profile on loopback for this check only, and a handshake
 * from the client profile, both with their own material; the same result and diagnosis as a test.
 */
export async function checkServerProfile(
  ctx: OrgContext,
  name: string,
  version: string,
  raw: unknown,
  now = () => new Date(),
): Promise<ConnectionTestResult> {
  const server = await serverProfileForConnection(ctx, name, version);
  const input: ServerCheckInput = ZServerCheckInput.parse(raw);
  const client = await resolveClientProfile(ctx, input.client_profile_url);
  const serverName =
    serverNameToSend(input.server_name) ??
    (server.keystoreId ? await certificateName(ctx, server.keystoreId) : undefined);
  if (!server.material.keystore || !serverName) {
    const message =
      "This server profile's keystore holds no certificate to present: give the profile a keystore with a certificate and key first.";
    throw new AppError("VALIDATION", message);
  }
  const target = `${client.name}:${client.version}`;
  const result = await withProbeSlot(ctx, () =>
    runOnProbeThread({
      kind: "check",
      request: {
        server: { profile: server.tls, material: server.material },
        client: { profile: client.tls, material: client.material },
        serverName,
      },
    }),
  );
  const run = {
    action: "check" as const,
    target: { type: "tls-server-profile", name: `${name}:${version}` },
    details: { client_profile: target, server_name: serverName },
  };
  await keepResult(ctx, { serverProfileId: server.id }, target, run, result, now());
  return result;
}

/** The server profile's kept checks, newest first. */
export async function serverProfileChecks(
  ctx: OrgContext,
  name: string,
  version: string,
): Promise<ConnectionTestRecord[]> {
  const profile = await getServerProfile(ctx, name, version);
  return historyOf(ctx, { serverProfileId: profile.id });
}

/** The organization's client profiles to check with, by title (the form's select). */
export async function clientProfileChoices(ctx: OrgContext) {
  return db().tlsClientProfile.findMany({
    where: { orgId: ctx.org.id },
    orderBy: [{ titleKey: "asc" }, { name: "asc" }, { version: "asc" }],
    select: { name: true, version: true, title: true },
    take: 500,
  });
}
