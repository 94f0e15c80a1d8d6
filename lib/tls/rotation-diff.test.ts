import { describe, expect, it } from "vitest";
import { parseCertificate } from "@/lib/crypto/certificate";
import { readPem } from "@/lib/crypto/pem";
import { issue, type IssuedPair } from "@/lib/crypto/pki";
import { type MaterialSide, type RotationFacts, rotationDiff } from "./rotation-diff";

const now = new Date("2026-12-01T00:00:00Z");
const oldRoot = issue(now, { commonName: "Old Root", usage: "ca" });
const newRoot = issue(now, { commonName: "New Root", usage: "ca" });

const info = (pem: string) => parseCertificate(readPem(Buffer.from(pem), "test")[0].der, "test").info;
/** A chain leaf → root, as stored: the root kept in it. */
function side(leafPair: IssuedPair, root: IssuedPair, keyType = "EC P-256"): MaterialSide {
  return { keyType, chain: [info(leafPair.certPem), info(root.certPem)] };
}
const leaf = (
  root: IssuedPair,
  usage: "server" | "client" | "server+client",
  dnsNames: string[],
  toDays = 365,
  keyKind: "ec-p256" | "rsa-2048" = "ec-p256",
) => issue(now, { commonName: dnsNames[0], usage, dnsNames, toDays, keyKind }, root);

const facts = (over: Partial<RotationFacts> = {}): RotationFacts => ({ profiles: [], truststores: [], now, ...over });
const client = (name: string) => ({ type: "tls_client_profile" as const, name, version: "1.0.0", title: name });
const codes = (d: ReturnType<typeof rotationDiff>) => d.warnings.map((w) => w.code);

describe("rotationDiff", () => {
  it("warns that clientAuth is gone, naming the client profiles that use the keystore for mutual TLS", () => {
    const current = side(leaf(oldRoot, "server+client", ["api.example.com"]), oldRoot);
    const next = side(leaf(oldRoot, "server", ["api.example.com"], 400), oldRoot);
    const d = rotationDiff(
      current,
      next,
      facts({ profiles: [client("partner-mtls"), client("billing"), client("billing")] }),
    );
    expect(codes(d)).toEqual(["client_auth_removed"]);
    expect(d.warnings[0].message).toMatch(
      /^clientAuth is gone; client profiles partner-mtls and billing use this keystore for mutual TLS/,
    );
    expect(d.extended_key_usage).toEqual({
      from: ["serverAuth", "clientAuth"],
      to: ["serverAuth"],
      changed: true,
    });
  });

  it("does not warn about clientAuth when no client profile uses the keystore", () => {
    const current = side(leaf(oldRoot, "server+client", ["api.example.com"]), oldRoot);
    const next = side(leaf(oldRoot, "server", ["api.example.com"], 400), oldRoot);
    expect(codes(rotationDiff(current, next, facts()))).toEqual([]);
  });

  it("lists SANs added and removed, and warns about the removed ones", () => {
    const current = side(leaf(oldRoot, "server", ["api.example.com", "old.example.com"]), oldRoot);
    const next = side(leaf(oldRoot, "server", ["api.example.com", "new.example.com"], 400), oldRoot);
    const d = rotationDiff(current, next, facts());
    expect(d.subject_alt_names).toEqual({
      added: ["DNS:new.example.com"],
      removed: ["DNS:old.example.com"],
      kept: ["DNS:api.example.com"],
    });
    expect(codes(d)).toEqual(["san_removed"]);
    expect(d.warnings[0].message).toContain("DNS:old.example.com is no longer in the certificate");
  });

  it("warns about a new root, naming the truststores that hold the old root and not the new one", () => {
    const current = side(leaf(oldRoot, "server", ["api.example.com"]), oldRoot);
    const next = side(leaf(newRoot, "server", ["api.example.com"], 400), newRoot);
    const fp = (p: IssuedPair) => ({ sha256: info(p.certPem).sha256, subject: info(p.certPem).subject });
    const d = rotationDiff(
      current,
      next,
      facts({
        truststores: [
          { name: "partners", certificates: [fp(oldRoot)] },
          { name: "both-roots", certificates: [fp(oldRoot), fp(newRoot)] },
          { name: "unrelated", certificates: [] },
        ],
      }),
    );
    expect(codes(d)).toEqual(["new_root"]);
    expect(d.warnings[0].message).toContain("truststores that trust the old root do not trust the new one");
    expect(d.warnings[0].message).toContain("partners holds the old root and not the new");
    expect(d.warnings[0].message).not.toContain("both-roots");
    expect(d.root).toEqual({ from: "CN=Old Root", to: "CN=New Root", changed: true });
    expect(d.issuer.changed).toBe(true);
  });

  it("a like-for-like renewal has no warnings, and the validity change is shown", () => {
    const current = side(leaf(oldRoot, "server", ["api.example.com"], 30), oldRoot);
    const next = side(leaf(oldRoot, "server", ["api.example.com"], 400), oldRoot);
    const d = rotationDiff(current, next, facts({ profiles: [client("partner-mtls")] }));
    expect(d.warnings).toEqual([]);
    expect(d.validity.changed).toBe(true);
    expect(d.root.changed).toBe(false);
    expect(d.subject.changed).toBe(false);
  });

  it("dates are compared by the day they show: two issued seconds apart neither change nor expire sooner", () => {
    const at = (ms: number) =>
      issue(
        new Date(now.getTime() + ms),
        { commonName: "api.example.com", usage: "server", dnsNames: ["api.example.com"], toDays: 365 },
        oldRoot,
      );
    // The new one ends 55 seconds before the current one, on the same day.
    const current = side(at(60_000), oldRoot);
    const d = rotationDiff(current, side(at(5_000), oldRoot), facts());
    expect(d.validity.from).not.toEqual(d.validity.to);
    expect(d.validity.changed).toBe(false);
    expect(d.warnings).toEqual([]);
  });

  it("warns when the key type changes, when the new certificate expires sooner, and when it has expired", () => {
    const current = side(leaf(oldRoot, "server", ["a.example"], 400), oldRoot, "EC P-256");
    const rsa = side(leaf(oldRoot, "server", ["a.example"], 30, "rsa-2048"), oldRoot, "RSA 2048");
    expect(codes(rotationDiff(current, rsa, facts()))).toEqual(["key_type_changed", "expires_sooner"]);
    const expired = side(
      issue(
        now,
        { commonName: "a.example", usage: "server", dnsNames: ["a.example"], fromDays: -30, toDays: -1 },
        oldRoot,
      ),
      oldRoot,
    );
    expect(codes(rotationDiff(current, expired, facts()))).toEqual(["expired"]);
  });
});
