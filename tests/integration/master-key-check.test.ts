import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { db } from "@/lib/server/platform/db";
import { masterKey } from "@/lib/server/platform/master-key";
import { MasterKeyMismatch, verifyMasterKey } from "@/lib/server/platform/master-key-check";
import { createKeystore } from "@/lib/server/stores/keystores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

const run = promisify(execFile);
/** A database as on first start: no check recorded, no keystore sealed yet. */
const fresh = async () => {
  await db().masterKeyCheck.deleteMany();
  await db().keystore.deleteMany();
};
afterEach(() => vi.restoreAllMocks());

describe("a wrong MASTER_KEY is named at start", () => {
  it("records a check on first start (instances racing agree), then refuses any other key", async () => {
    await fresh();
    await Promise.all([verifyMasterKey(), verifyMasterKey(), verifyMasterKey()]);
    expect(await db().masterKeyCheck.count()).toBe(1);
    await verifyMasterKey();
    const wrong = verifyMasterKey(randomBytes(32));
    await expect(wrong).rejects.toThrow(MasterKeyMismatch);
    await expect(verifyMasterKey(randomBytes(32))).rejects.toThrow(/MASTER_KEY is not the key .* sealed with/);
  });

  it("on a database from before the check, trusts the keystores' master key id", async () => {
    const world = await buildWorld();
    await fresh();
    await createKeystore(await contextFor(world), { title: "Sealed before" }, keystoreUpload(leaf("before.test")));
    await expect(verifyMasterKey(randomBytes(32))).rejects.toThrow(MasterKeyMismatch);
    expect(await db().masterKeyCheck.count()).toBe(0);
    await verifyMasterKey(masterKey());
    expect(await db().masterKeyCheck.count()).toBe(1);
  });

  it("stops the server at boot (instrumentation) with the message, before any request", async () => {
    await fresh();
    await verifyMasterKey(randomBytes(32));
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("MASTER_KEY is not the key"));
    vi.unstubAllEnvs();
  });

  it("makes `npm start`'s seed step exit 1 with the message", async () => {
    await fresh();
    await verifyMasterKey(masterKey());
    const env = { ...process.env, MASTER_KEY: randomBytes(32).toString("hex") };
    const seed = run("npx", ["tsx", "--conditions=react-server", "scripts/db/seed.ts"], { env });
    const failure = await seed.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("seed: MASTER_KEY is not the key");
    expect(failure?.stderr).not.toContain("    at ");
  }, 60_000);
});
