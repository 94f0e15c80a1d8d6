import type { Server as NetServer, Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";
import { type Lookup, OutboundRefused } from "@/lib/server/outbound/destination";

/**
 * For tests of outbound connections: servers on 127.0.0.1 (reachable when the test sets OUTBOUND_ALLOW=127.0.0.0/8),
 * a resolver that never asks real DNS, and the refusal a guarded call ended with.
 */
const open: (() => Promise<void>)[] = [];

/** Listens on an ephemeral loopback port; `closeLoopbackServers()` closes it and drops its connections. */
export async function onLoopback(server: NetServer): Promise<number> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

export async function closeLoopbackServers(): Promise<void> {
  await Promise.all(open.splice(0).map((close) => close()));
}

const answer = (address: string) => ({ address, family: address.includes(":") ? 6 : 4 });

/** A resolver with fixed answers per name that counts its calls; an unknown name is ENOTFOUND. */
export function fakeDns(byName: Record<string, string[]>) {
  return vi.fn<Lookup>(async (host) => {
    const addresses = byName[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map(answer);
  });
}

/** DNS rebinding: the first lookup answers `first`, every later one `then`. */
export function rebindingDns(first: string, then: string) {
  let calls = 0;
  return vi.fn<Lookup>(async () => [answer(calls++ === 0 ? first : then)]);
}

/** The OutboundRefused a call was refused with; fails the test if it succeeded or failed otherwise. */
export async function refusal(work: Promise<unknown> | (() => unknown)): Promise<OutboundRefused> {
  const outcome = await (async () => {
    try {
      await (typeof work === "function" ? work() : work);
      return new Error("expected an OutboundRefused, but the call succeeded");
    } catch (e) {
      return e;
    }
  })();
  if (outcome instanceof OutboundRefused) return outcome;
  throw outcome;
}
