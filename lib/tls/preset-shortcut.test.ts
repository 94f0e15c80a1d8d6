import { describe, expect, it } from "vitest";
import { ZClientProfileCreate } from "./client-profile-schema";
import { presetById } from "./presets";
import { ZServerProfileCreate } from "./server-profile-schema";

const base = { title: "Partner", version: "1.0.0" };

describe("preset shortcut on create", () => {
  it("fills protocols and ciphers from the preset; the result holds no preset", () => {
    const parsed = ZClientProfileCreate.parse({ ...base, preset: "mozilla-intermediate-6.0" });
    const p = presetById("mozilla-intermediate-6.0")!;
    expect(parsed).toMatchObject({ protocols: p.protocols, ciphers: p.ciphers, name: "partner" });
    expect(parsed).not.toHaveProperty("preset");
  });

  it("refuses an unknown preset at the preset field", () => {
    const r = ZServerProfileCreate.safeParse({ ...base, keystore_url: "ks", preset: "modern-1999" });
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ["preset"],
        message: expect.stringMatching(/^Unknown preset: use one of modern-2026/),
      }),
    ]);
  });

  it("refuses a preset sent together with explicit lists, in words", () => {
    for (const extra of [{ protocols: ["tls_v1.3"] }, { ciphers: ["TLS_AES_128_GCM_SHA256"] }]) {
      const r = ZClientProfileCreate.safeParse({ ...base, preset: "modern-2026", ...extra });
      expect(r.error?.issues[0]).toMatchObject({ path: ["preset"], message: expect.stringMatching(/not both/) });
    }
  });

  it("leaves a request without a preset as it was", () => {
    const r = ZClientProfileCreate.parse({ ...base, protocols: ["tls_v1.3"], ciphers: ["TLS_AES_128_GCM_SHA256"] });
    expect(r.protocols).toEqual(["tls_v1.3"]);
  });
});
