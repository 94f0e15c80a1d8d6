import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMasterKey, parseMasterKey } from "@/lib/server/platform/master-key";

describe("master key", () => {
  it("is generated once into the data folder with mode 0600, then read back", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mk-")), "data", "master.key");
    const first = loadMasterKey({}, file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({}, file).equals(first)).toBe(true);
  });

  it("prefers MASTER_KEY, in hex or base64, and refuses a wrong length", () => {
    const hex = "ab".repeat(32);
    expect(loadMasterKey({ MASTER_KEY: hex }, "/nonexistent/never-written").toString("hex")).toBe(hex);
    expect(parseMasterKey(Buffer.alloc(32, 7).toString("base64"))).toEqual(Buffer.alloc(32, 7));
    expect(() => parseMasterKey("short")).toThrow(/32 bytes/);
  });
});
