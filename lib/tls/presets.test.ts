import { describe, expect, it } from "vitest";
import { CIPHER_NAMES, DEFAULT_CIPHERS, isWeak, TLS13_CIPHERS } from "./ciphers";
import { ZClientProfileCreate } from "./client-profile-schema";
import { DEFAULT_CLIENT_PROFILES, DEFAULT_SERVER_PROFILES } from "./defaults";
import { closestPreset, describePresetDifference, matchesPreset, presetById, TLS_PRESETS } from "./presets";
import { TLS_PROTOCOLS } from "./protocols";
import { effectiveCiphers, lacksPre13Cipher } from "./tls13-rule";

describe("TLS presets", () => {
  it("have the documented ids, once each", () => {
    expect(TLS_PRESETS.map((p) => p.id)).toEqual([
      "modern-2026",
      "mozilla-intermediate-6.0",
      "apic-default",
      "legacy-compatibility",
    ]);
  });

  it.each(TLS_PRESETS.map((p) => [p.id, p] as const))(
    "%s maps only to catalogue names and passes the TLS 1.3 rule",
    (_, p) => {
      for (const c of p.ciphers) expect(CIPHER_NAMES).toContain(c);
      for (const v of p.protocols) expect(TLS_PROTOCOLS).toContain(v);
      expect(new Set(p.ciphers).size).toBe(p.ciphers.length);
      // Stored as is: the rule neither adds nor drops a suite, and older protocols have a suite to use.
      expect(effectiveCiphers(p.protocols, p.ciphers)).toEqual(p.ciphers);
      expect(lacksPre13Cipher(p.protocols, p.ciphers)).toBe(false);
      // The form's own schema accepts the preset's lists.
      expect(
        ZClientProfileCreate.safeParse({ title: "t", version: "1", protocols: p.protocols, ciphers: p.ciphers })
          .success,
      ).toBe(true);
    },
  );

  it("Modern 2026 is TLS 1.3 only with the catalogue's TLS 1.3 suites", () => {
    expect(presetById("modern-2026")).toMatchObject({ protocols: ["tls_v1.3"], ciphers: TLS13_CIPHERS });
  });

  it("Mozilla intermediate 6.0 is TLS 1.2 + 1.3 with ECDHE AES-GCM, and says the catalogue lacks TLS 1.2 ChaCha20", () => {
    const p = presetById("mozilla-intermediate-6.0")!;
    expect(p.protocols).toEqual(["tls_v1.2", "tls_v1.3"]);
    const tls12 = p.ciphers.filter((c) => !c.startsWith("TLS_"));
    expect(tls12.sort()).toEqual([
      "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    ]);
    expect(p.description).toMatch(/no TLS 1\.2 ChaCha20/);
  });

  it("API Connect default is what the installation's default profiles use", () => {
    const p = presetById("apic-default")!;
    for (const d of [...DEFAULT_CLIENT_PROFILES, ...DEFAULT_SERVER_PROFILES])
      expect(matchesPreset(closestPreset(d.protocols, d.ciphers)), d.name).toBe(true);
    expect(p.ciphers).toEqual(DEFAULT_CIPHERS);
  });

  it("Legacy compatibility adds TLS 1.0/1.1 and CBC suites, and is flagged", () => {
    const p = presetById("legacy-compatibility")!;
    expect(p.legacy).toBe(true);
    expect(p.protocols).toEqual(TLS_PROTOCOLS);
    expect(p.ciphers.some(isWeak)).toBe(true);
    expect(p.ciphers.filter((c) => c.includes("3DES") || c.startsWith("DHE_DSS"))).toEqual([]);
    expect(TLS_PRESETS.filter((x) => x.legacy).map((x) => x.id)).toEqual(["legacy-compatibility"]);
  });
});

describe("which preset a selection matches", () => {
  it("names the preset a selection equals, whatever the order", () => {
    const p = presetById("mozilla-intermediate-6.0")!;
    const d = closestPreset([...p.protocols].reverse(), [...p.ciphers].reverse());
    expect(describePresetDifference(d)).toBe("Matches Mozilla intermediate 6.0");
  });

  it("says how a selection differs from the closest preset", () => {
    const modern = presetById("modern-2026")!;
    const added = ["ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"] as const;
    const d = closestPreset(["tls_v1.2", "tls_v1.3"], [...modern.ciphers, ...added]);
    expect(d.preset.id).toBe("modern-2026");
    expect(d.addedProtocols).toEqual(["tls_v1.2"]);
    expect(describePresetDifference(d)).toBe(
      "Differs from Modern 2026: adds TLS 1.2; adds ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 and ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    );
  });

  it("counts the suites instead of naming them beyond three", () => {
    const modern = presetById("modern-2026")!;
    const cbc = [
      "ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "DHE_RSA_WITH_AES_128_CBC_SHA",
      "DHE_RSA_WITH_AES_256_CBC_SHA",
    ] as const;
    const d = closestPreset(modern.protocols, [...modern.ciphers, ...cbc]);
    expect(d.preset.id).toBe("modern-2026");
    expect(describePresetDifference(d)).toBe("Differs from Modern 2026: adds 4 suites");
  });

  it("reports removals too", () => {
    const p = presetById("apic-default")!;
    const d = closestPreset(["tls_v1.2", "tls_v1.3"], p.ciphers.slice(1));
    expect(describePresetDifference(d)).toBe(`Differs from API Connect default: removes ${p.ciphers[0]}`);
  });
});
