import { connect, createServer } from "node:net";
import { afterEach, expect, it } from "vitest";
import { ask } from "@/lib/server/probes/follow-ups";
import type { Dial } from "@/lib/server/probes/probe";
import { closeLoopbackServers, onLoopback } from "@/tests/helpers/loopback";

afterEach(closeLoopbackServers);

it("a hello whose connection took most of the time left waits only for what remains of the deadline", async () => {
  // A server that accepts and never answers, reached by a dial that spends all but 50 ms of the time it is given.
  const port = await onLoopback(createServer(() => undefined));
  const slowDial: Dial = async (timeoutMs) => {
    await new Promise((resolve) => setTimeout(resolve, timeoutMs - 50));
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    return { socket, address: "127.0.0.1" };
  };
  const started = performance.now();
  const answer = await ask(
    slowDial,
    { protocol: "tls_v1.2", suites: [0xc02f] },
    { pauseMs: 0, deadline: started + 1_000 },
  );
  expect(answer).toEqual({ kind: "timeout" });
  expect(performance.now() - started).toBeLessThan(1_500);
});
