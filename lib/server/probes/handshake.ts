import "server-only";
import type { Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, type ConnectionOptions, type TLSSocket } from "node:tls";
import { type Flight, readFlight } from "@/lib/server/probes/flight";
import { wireTap } from "@/lib/server/probes/wire-tap";

/** How long a TLS 1.3 client waits, after its Finished, for the server's verdict on its certificate. */
const VERDICT_WAIT_MS = 1_000;

/** Everything one real handshake with the profile's options showed, from Node and from the wire. */
export interface HandshakeObservation {
  completed: boolean;
  timedOut: boolean;
  /** The TLS layer's error (an OpenSSL reason, or the socket's), when the handshake or the verdict wait failed. */
  error?: { code?: string; reason: string };
  received: Buffer;
  server: Flight;
  client: Flight;
  protocol?: string;
  cipherIana?: string;
  alpn?: string | null;
  /** OpenSSL's chain as it rebuilt it: used only when the Certificate message could not be read from the wire. */
  rebuiltChain: Buffer[];
  /** OpenSSL's verification of the chain against the truststore (code), when it failed. */
  verifyError?: string;
  identityError?: string;
  /** TLS 1.3: what the server did after our Finished, when it had asked for a certificate. */
  afterFinished?: "ticket" | "data" | "alert" | "closed" | "silence";
  handshakeMs?: number;
}

const SECRET_LABELS = [
  "SERVER_HANDSHAKE_TRAFFIC_SECRET",
  "SERVER_TRAFFIC_SECRET_0",
  "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
  "CLIENT_TRAFFIC_SECRET_0",
] as const;
type SecretLabel = (typeof SECRET_LABELS)[number];

function rebuiltChain(socket: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return out;
}

function errorOf(e: unknown): { code?: string; reason: string } {
  const error = e as NodeJS.ErrnoException & { reason?: string };
  return { code: error.code, reason: error.reason ?? error.message };
}

/**
 * One handshake over an already connected socket, with `options` exactly as the profile produced them, except that
 * the chain is judged afterwards (`rejectUnauthorized: false`) so it is always captured. In TLS 1.3 the server judges
 * our certificate only after our Finished: when it asked for one we wait (at most VERDICT_WAIT_MS, within the
 * deadline) for a ticket or data (accepted), an alert (rejected), or silence (taken as accepted, see ADR 022).
 */
export async function tappedHandshake(
  socket: Socket,
  options: ConnectionOptions,
  name: string,
  deadline: number,
): Promise<HandshakeObservation> {
  const tap = wireTap(socket);
  const secrets: Partial<Record<SecretLabel, Buffer>> = {};
  // The chain and the name are judged separately (authorizationError would otherwise mix a name mismatch in).
  const tls = tlsConnect({
    ...options,
    socket: tap.stream,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  });
  tls.on("keylog", (line: Buffer) => {
    const [label, , secret] = line.toString("latin1").trim().split(" ");
    if ((SECRET_LABELS as readonly string[]).includes(label))
      secrets[label as SecretLabel] = Buffer.from(secret, "hex");
  });
  const started = performance.now();
  const observation: Omit<HandshakeObservation, "received" | "server" | "client"> = {
    completed: false,
    timedOut: false,
    rebuiltChain: [],
  };
  const serverFlight = () =>
    readFlight(tap.received(), {
      handshake: secrets.SERVER_HANDSHAKE_TRAFFIC_SECRET,
      application: secrets.SERVER_TRAFFIC_SECRET_0,
    });
  try {
    const outcome = await new Promise<"secure" | "timeout" | { error: unknown }>((resolve) => {
      // No time left (the dial used it up): a timeout, decided now rather than by a race with a fast handshake.
      if (performance.now() >= deadline) return resolve("timeout");
      const timer = setTimeout(() => resolve("timeout"), deadline - performance.now());
      tls.once("secureConnect", () => (clearTimeout(timer), resolve("secure")));
      tls.once("error", (error) => (clearTimeout(timer), resolve({ error })));
      tls.once(
        "close",
        () => (clearTimeout(timer), resolve({ error: new Error("The server closed the connection.") })),
      );
    });
    if (outcome === "timeout") observation.timedOut = true;
    else if (outcome !== "secure") observation.error = errorOf(outcome.error);
    else {
      observation.completed = true;
      observation.handshakeMs = performance.now() - started;
      observation.protocol = tls.getProtocol() ?? undefined;
      observation.cipherIana = tls.getCipher().standardName;
      observation.alpn = tls.alpnProtocol || null;
      observation.rebuiltChain = rebuiltChain(tls);
      const verifyError = tls.authorizationError as unknown as Error | string | null;
      if (verifyError) observation.verifyError = typeof verifyError === "string" ? verifyError : String(verifyError);
      const identity = checkServerIdentity(name, tls.getPeerCertificate());
      if (identity) observation.identityError = identity.message;
      if (observation.protocol === "TLSv1.3" && serverFlight().certificateRequested) {
        const waitMs = Math.min(VERDICT_WAIT_MS, Math.max(0, deadline - performance.now()));
        observation.afterFinished = await verdict(tls, waitMs, (error) => (observation.error = errorOf(error)));
      }
    }
  } finally {
    tls.destroy();
    socket.destroy();
  }
  const received = tap.received();
  const server = serverFlight();
  const negotiated = server.serverHello && {
    version: server.serverHello.version,
    cipherSuite: server.serverHello.cipherSuite,
  };
  const client = readFlight(
    tap.sent(),
    { handshake: secrets.CLIENT_HANDSHAKE_TRAFFIC_SECRET, application: secrets.CLIENT_TRAFFIC_SECRET_0 },
    negotiated,
  );
  return { ...observation, received, server, client };
}

function verdict(
  tls: TLSSocket,
  waitMs: number,
  onError: (error: unknown) => void,
): Promise<NonNullable<HandshakeObservation["afterFinished"]>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("silence"), waitMs);
    const settle = (what: NonNullable<HandshakeObservation["afterFinished"]>) => {
      clearTimeout(timer);
      resolve(what);
    };
    tls.once("session", () => settle("ticket"));
    tls.once("data", () => settle("data"));
    tls.once("error", (error) => (onError(error), settle("alert")));
    tls.once("end", () => settle("closed"));
    tls.once("close", () => settle("closed"));
  });
}
