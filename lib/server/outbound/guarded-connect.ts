import "server-only";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, type ConnectionOptions } from "node:tls";
import { connectionFailure } from "@/lib/server/outbound/connection-failure";
import { hostName, type Lookup, OutboundRefused, resolvePinned } from "@/lib/server/outbound/destination";

/**
 * Ports below 1024 a probe may reach anywhere: https, smtps, ldaps, dns-over-tls, ftps, imaps, pop3s and kin. Other
 * well-known ports (ssh, smtp, databases behind 1024) belong to services a TLS test has no business knocking on, so
 * they need a destination the operator trusts (OUTBOUND_ALLOW).
 */
const TLS_PORTS = new Set([443, 465, 636, 853, 989, 990, 991, 992, 993, 994, 995]);

/** Options that would let a caller dial something other than the pinned address. */
const ROUTING = ["host", "port", "path", "socket", "lookup"] as const;

function tlsOptions(name: string, address: string, port: number, tls: ConnectionOptions) {
  const options: ConnectionOptions = { ...tls };
  for (const key of ROUTING) delete options[key];
  return {
    ...options,
    host: address,
    port,
    // SNI defaults to the name (never an address); a caller's own servername, even "" (no SNI), is kept.
    servername: "servername" in tls ? tls.servername : isIP(name) ? "" : name,
    // Without this Node would check the certificate against the address dialled rather than the name.
    checkServerIdentity: tls.checkServerIdentity ?? ((_servername: string, cert) => checkServerIdentity(name, cert)),
  } satisfies ConnectionOptions;
}

/**
 * A TCP (optionally TLS) connection to host:port through the same pinning and deny rules, with a deadline. The
 * deadline covers DNS, connect and the TLS handshake; the socket is returned once connected (or handshaken), and
 * its later life is the caller's. A TLS failure is CONNECTION_FAILED with Node's error as `cause`.
 */
export async function guardedConnect(
  host: string,
  port: number,
  opts: { timeoutMs: number; tls?: ConnectionOptions; lookup?: Lookup },
): Promise<Socket> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new OutboundRefused("BAD_URL", "The port must be a whole number between 1 and 65535.");
  }
  const name = hostName(host);
  if (!name) throw new OutboundRefused("BAD_URL", `"${host}" is not a host name or IP address.`);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    const pinned = await resolvePinned(name, "probe", { lookup: opts.lookup, signal: deadline.signal });
    if (port < 1024 && !TLS_PORTS.has(port) && !pinned.trusted) {
      throw new OutboundRefused(
        "DENIED_PORT",
        `Port ${port} belongs to a service other than TLS; below 1024 probes reach only 443, 465, 636, 853 and 989–995, unless the operator trusts ${name}'s network (OUTBOUND_ALLOW).`,
      );
    }
    const socket = opts.tls
      ? tlsConnect(tlsOptions(name, pinned.address, port, opts.tls))
      : netConnect({ host: pinned.address, family: pinned.family, port });
    return await new Promise<Socket>((resolve, reject) => {
      const fail = (error: OutboundRefused) => {
        cleanup();
        socket.destroy();
        reject(error);
      };
      const onError = (e: Error) => fail(connectionFailure(e, name, port));
      const onDeadline = () =>
        fail(new OutboundRefused("TIMEOUT", `${name}:${port} did not answer within ${opts.timeoutMs / 1000} s.`));
      const onReady = () => {
        cleanup();
        resolve(socket);
      };
      const ready = opts.tls ? "secureConnect" : "connect";
      const cleanup = () => {
        socket.off("error", onError).off(ready, onReady);
        deadline.signal.removeEventListener("abort", onDeadline);
      };
      socket.once("error", onError).once(ready, onReady);
      deadline.signal.addEventListener("abort", onDeadline, { once: true });
      if (deadline.signal.aborted) onDeadline();
    });
  } finally {
    clearTimeout(timer);
  }
}
