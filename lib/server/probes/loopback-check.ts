import "server-only";
import { connect as netConnect } from "node:net";
import { createServer } from "node:tls";
import { PROBE_TIMEOUT_MS, probe, type Dial } from "@/lib/server/probes/probe";
import {
  serverTlsOptions,
  type ClientProfileTls,
  type ServerProfileTls,
  type TlsMaterial,
} from "@/lib/server/profiles/node-tls-options";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";

export interface LoopbackCheckRequest {
  server: { profile: ServerProfileTls; material: TlsMaterial };
  client: { profile: ClientProfileTls; material: TlsMaterial };
  /** The name the client verifies (and sends as SNI). */
  serverName: string;
  timeoutMs?: number;
}

/**
 * A server profile meets a client profile: a listener from the server profile on 127.0.0.1 (ephemeral port, this
 * check only) and a probe from the client profile. The connection never leaves the machine, so it does not go
 * through the outbound guard; nothing but our own probe can reach the listener before it closes.
 */
export async function checkWithClientProfile(request: LoopbackCheckRequest): Promise<ConnectionTestResult> {
  const server = createServer(serverTlsOptions(request.server.profile, request.server.material), (socket) =>
    socket.end(),
  );
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as { port: number };
  const dial: Dial = (timeoutMs) =>
    new Promise((resolve, reject) => {
      const socket = netConnect({ host: "127.0.0.1", port, timeout: timeoutMs });
      socket.once("connect", () => resolve({ socket, address: "127.0.0.1" }));
      socket.once("error", reject);
    });
  try {
    return await probe({
      profile: request.client.profile,
      material: request.client.material,
      host: request.serverName,
      port,
      timeoutMs: request.timeoutMs ?? PROBE_TIMEOUT_MS,
      dial,
    });
  } finally {
    server.close();
  }
}
