import "server-only";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/server/access/require-org";
import { auditRun, historyOf, keepResult, type RunAudit } from "@/lib/server/probes/connection-history";
import { runOnProbeThread } from "@/lib/server/probes/probe-pool";
import { withProbeSlot } from "@/lib/server/probes/probe-slots";
import { serverNameToSend } from "@/lib/server/probes/server-name";
import { TARGET as CLIENT_PROFILE, getClientProfile } from "@/lib/server/profiles/client-profiles";
import { clientProfileForConnection } from "@/lib/server/profiles/tls-material";
import { db } from "@/lib/server/platform/db";
import {
  type ConnectionTestInput,
  type ConnectionTestRecord,
  type ConnectionTestResult,
  ZConnectionTestInput,
} from "@/lib/tls/connection-test";

/** "host:port" as a person reads it; an IPv6 address in brackets. */
const hostPort = (host: string, port: number) => `${host.includes(":") ? `[${host}]` : host}:${port}`;

/**
 * A result the outbound guard refused (a metadata address, a port outside the list) is the input's fault: it is
 * refused at the field it names, like any invalid input, and is audited but not kept.
 */
function deniedAtField(result: ConnectionTestResult): AppError {
  const field = result.field ?? "host";
  return new AppError("VALIDATION", result.message, [{ field, message: result.message }]);
}

/**
 * "Test connection": one handshake (and, when asked, a scan) from this process with exactly the client profile's
 * options, through the outbound guard. A failed handshake is a result (ok: false, a code, the fix), not an error.
 */
export async function testClientProfile(
  ctx: OrgContext,
  name: string,
  version: string,
  raw: unknown,
  now = () => new Date(),
): Promise<ConnectionTestResult> {
  const profile = await clientProfileForConnection(ctx, name, version);
  const parsed: ConnectionTestInput = ZConnectionTestInput.parse(raw);
  const input = { ...parsed, server_name: serverNameToSend(parsed.server_name) };
  const target = hostPort(input.host, input.port);
  const run: RunAudit = {
    action: "test",
    target: { type: CLIENT_PROFILE, name: `${name}:${version}` },
    details: { target, server_name: input.server_name ?? null, scan: input.scan },
  };
  const result = await withProbeSlot(ctx, () =>
    runOnProbeThread({
      kind: "test",
      profile: profile.tls,
      material: profile.material,
      host: input.host,
      port: input.port,
      serverName: input.server_name,
      scan: input.scan,
    }),
  );
  if (result.code === "denied") {
    await db().$transaction((tx) => auditRun(tx, ctx, run, result));
    throw deniedAtField(result);
  }
  await keepResult(ctx, { clientProfileId: profile.id }, target, run, result, now());
  return result;
}

/** The client profile's kept tests, newest first. */
export async function clientProfileTests(
  ctx: OrgContext,
  name: string,
  version: string,
): Promise<ConnectionTestRecord[]> {
  const profile = await getClientProfile(ctx, name, version);
  return historyOf(ctx, { clientProfileId: profile.id });
}
