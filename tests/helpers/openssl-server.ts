import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `openssl s_server` on an ephemeral loopback port, for tests that need a TLS stack other than Node's own: a chain
 * sent in a chosen (wrong) order, TLS 1.2 with exactly two suites. Files are written to a private temporary
 * directory; `stopOpensslServers()` ends every server and removes its files.
 */
const running: { child: ChildProcess; dir: string }[] = [];

interface OpensslServerOptions {
  keyPem: string;
  certPem: string;
  /** Sent after the certificate, in this order (`-cert_chain`). */
  chainPems?: string[];
  /** CAs for verifying client certificates (`-CAfile`). */
  caPems?: string[];
  /** The certificate for the name given with `-servername` (`-key2`, `-cert2`). */
  second?: { keyPem: string; certPem: string };
  args?: string[];
}

export async function opensslServer(options: OpensslServerOptions): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "probe-s_server-"));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text, { mode: 0o600 }), join(dir, name));
  const args = ["s_server", "-accept", "127.0.0.1:0", "-key", file("key.pem", options.keyPem)];
  args.push("-cert", file("cert.pem", options.certPem));
  if (options.chainPems) args.push("-cert_chain", file("chain.pem", options.chainPems.join("")));
  if (options.caPems) args.push("-CAfile", file("ca.pem", options.caPems.join("")));
  if (options.second) {
    args.push("-key2", file("key2.pem", options.second.keyPem), "-cert2", file("cert2.pem", options.second.certPem));
  }
  args.push(...(options.args ?? []));
  const child = spawn("openssl", args, { stdio: ["pipe", "pipe", "pipe"] });
  running.push({ child, dir });
  return new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const accept = /ACCEPT [\d.]+:(\d+)/.exec(out);
      if (accept) resolve(Number(accept[1]));
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`openssl s_server exited (${code}): ${out}`)));
  });
}

export async function stopOpensslServers(): Promise<void> {
  await Promise.all(
    running.splice(0).map(
      ({ child, dir }) =>
        new Promise<void>((resolve) => {
          const done = () => (rmSync(dir, { recursive: true, force: true }), resolve());
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", done);
          child.kill();
        }),
    ),
  );
}
