import "server-only";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";

/** Bytes kept per direction: a handshake with a long chain fits many times over; a flood does not fill memory. */
const MAX_KEPT = 256 * 1024;

interface WireTap {
  /** Hand this to `tls.connect({ socket })`: Node's TLS then reads and writes through us. */
  stream: Duplex;
  received(): Buffer;
  sent(): Buffer;
  /** When the first byte from the server arrived (performance.now()), if one did. */
  firstByteAt(): number | undefined;
}

/**
 * A pass-through stream between Node's TLS and the TCP socket that keeps a copy of the bytes both ways. Node reads a
 * net.Socket's handle directly (no JS events on it), so the TLS layer has to be given a JS stream for us to see them.
 */
export function wireTap(socket: Socket): WireTap {
  const inbound: Buffer[] = [];
  const outbound: Buffer[] = [];
  let kept = { in: 0, out: 0 };
  let firstByteAt: number | undefined;

  const stream = new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      if (kept.out < MAX_KEPT) outbound.push(chunk);
      kept = { ...kept, out: kept.out + chunk.length };
      if (socket.destroyed) return callback();
      socket.write(chunk, () => callback());
    },
    read() {
      socket.resume();
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });

  socket.on("data", (chunk: Buffer) => {
    firstByteAt ??= performance.now();
    if (kept.in < MAX_KEPT) inbound.push(chunk);
    kept = { ...kept, in: kept.in + chunk.length };
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("error", (error) => stream.destroy(error));
  socket.on("close", () => stream.destroy());

  return {
    stream,
    received: () => Buffer.concat(inbound),
    sent: () => Buffer.concat(outbound),
    firstByteAt: () => firstByteAt,
  };
}
