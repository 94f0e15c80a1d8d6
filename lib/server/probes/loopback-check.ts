import "server-only";
import { connect as netConnect, type Socket } from "node:net";
import { createServer, type TLSSocket } from "node:tls";
import type { ServerView } from "@/lib/server/probes/diagnosis";
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

/** After the client's side is over, how long the listener may still take to give its own account. */
const SERVER_VIEW_WAIT_MS = 500;

/**
 * A server profile meets a client profile: a listener from the server profile on 127.0.0.1 (ephemeral port, this
 * check only, closed afterwards whatever happens) and a probe from the client profile. The connection never leaves
 * the machine, so it does not go through the outbound guard. The listener's account (its tlsClientError, whether
 * the client sent a certificate and whether it trusted it) joins the diagnosis, and its profile stands in for the
 * follow-up hellos: both sides' protocols and suites are known.
 */
export async function checkWithClientProfile(request: LoopbackCheckRequest): Promise<ConnectionTestResult> {
  const { profile } = request.server;
  const server = createServer(serverTlsOptions(profile, request.server.material));
  const sockets = new Set<Socket>();
  let firstPort: number | undefined;
  const view: ServerView = { mutual: profile.mutual_authentication, clientSentCertificate: false };
  let spoke: () => void = () => undefined;
  const spoken = new Promise<void>((resolve) => (spoke = resolve));
  const isFirst = (socket: TLSSocket) => socket.remotePort === firstPort;

  let secured = false;
  server.on("connection", (socket: Socket) => {
    const first = firstPort === undefined;
    firstPort ??= socket.remotePort;
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      // Node refuses an untrusted client certificate (rejectUnauthorized) by destroying the socket, without an event.
      if (first && !secured && !view.error) {
        view.droppedClient = true;
        spoke();
      }
    });
  });
  server.on("secureConnection", (socket: TLSSocket) => {
    if (isFirst(socket)) {
      secured = true;
      view.clientSentCertificate = Object.keys(socket.getPeerCertificate()).length > 0;
      if (profile.mutual_authentication !== "none") view.clientAuthorized = socket.authorized;
      spoke();
    }
    socket.end();
  });
  server.on("tlsClientError", (error: NodeJS.ErrnoException, socket: TLSSocket) => {
    if (!isFirst(socket)) return;
    view.error = error.code;
    spoke();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as { port: number };
    const dial: Dial = (timeoutMs) =>
      new Promise((resolve, reject) => {
        const socket = netConnect({ host: "127.0.0.1", port, timeout: timeoutMs });
        socket.once("connect", () => resolve({ socket, address: "127.0.0.1" }));
        socket.once(
          "timeout",
          () => (socket.destroy(), reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" }))),
        );
        socket.once("error", reject);
      });
    return await probe({
      profile: request.client.profile,
      material: request.client.material,
      host: request.serverName,
      port,
      timeoutMs: request.timeoutMs ?? PROBE_TIMEOUT_MS,
      dial,
      known: { protocols: profile.protocols, ciphers: profile.ciphers },
      serverView: async () => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          spoken,
          new Promise<void>((resolve) => (timer = setTimeout(resolve, SERVER_VIEW_WAIT_MS))),
        ]);
        clearTimeout(timer);
        return view;
      },
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
