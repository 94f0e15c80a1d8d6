import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertConfirmed, ZActivateBody } from "./rotation-schema";
import { truststoreSetDiff } from "./truststore-diff";

describe("assertConfirmed", () => {
  const warnings = [{ code: "san_removed" }, { code: "new_root" }];
  it("refuses at the confirm field, naming every code not confirmed", () => {
    expect(() => assertConfirmed(warnings, ["new_root"])).toThrow(AppError);
    const refused = (() => {
      try {
        assertConfirmed(warnings, []);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(refused?.fieldErrors).toEqual([
      { field: "confirm", message: "Confirm these warnings first: san_removed, new_root." },
    ]);
  });
  it("lets through when every code is named (extra codes are harmless), and when there is nothing to confirm", () => {
    expect(() => assertConfirmed(warnings, ["new_root", "san_removed", "expired"])).not.toThrow();
    expect(() => assertConfirmed([], [])).not.toThrow();
  });
});

describe("ZActivateBody", () => {
  it("reads a time with its offset and defaults confirm to none", () => {
    expect(ZActivateBody.parse({ at: "2027-01-31T02:00:00+01:00" })).toEqual({
      at: new Date("2027-01-31T01:00:00Z"),
      confirm: [],
    });
    expect(ZActivateBody.safeParse({ at: "tomorrow" }).success).toBe(false);
    expect(ZActivateBody.safeParse({ when: "now" }).success).toBe(false);
  });
  it("takes only warning codes it knows in confirm: junk is refused at its entry, not ignored", () => {
    expect(ZActivateBody.parse({ confirm: ["new_root", "certificates_removed"] }).confirm).toHaveLength(2);
    const junk = ZActivateBody.safeParse({ confirm: ["new_root", "*"] });
    expect(junk.success).toBe(false);
    expect(junk.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["confirm.1", 'Not a warning code: "*"'],
    ]);
  });
});

describe("truststoreSetDiff", () => {
  const a = { sha256: "AA", subject: "CN=A" };
  const b = { sha256: "BB", subject: "CN=B" };
  const profile = { type: "tls_client_profile" as const, name: "billing", version: "1.0.0", title: "Billing" };
  it("names what comes back and what goes; taking an anchor from a truststore in use is a warning naming the profiles", () => {
    const d = truststoreSetDiff([a, b], [a], [profile]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([b]);
    expect(d.warnings).toEqual([
      {
        code: "certificates_removed",
        message: "Restoring removes CN=B: billing will no longer trust peers whose certificates chain to it.",
      },
    ]);
  });
  it("no warning when nothing is removed or no profile uses the truststore", () => {
    expect(truststoreSetDiff([a], [a, b], [profile]).warnings).toEqual([]);
    expect(truststoreSetDiff([a, b], [a], []).warnings).toEqual([]);
  });
});
