import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { judgeChain } from "@/lib/server/probes/chain-check";

/** The chain as sent, judged without a handshake: order, links, anchors, dates, name. */
const now = new Date("2026-06-01T12:00:00Z");
const root = issue(now, { commonName: "Chain Root", usage: "ca" });
const mid = issue(now, { commonName: "Chain Intermediate", usage: "ca" }, root);
const leaf = issue(now, { commonName: "svc.chain.test", usage: "server", dnsNames: ["svc.chain.test"] }, mid);
const stranger = issue(now, { commonName: "Stranger", usage: "server", dnsNames: ["stranger.test"] });
const der = (...pairs: (typeof root)[]) => pairs.map((p) => new X509Certificate(p.certPem).raw);
const codes = (v: ReturnType<typeof judgeChain>) => v.problems.map((p) => [p.code, p.position]);
const judge = (certificates: Buffer[], over: Partial<Parameters<typeof judgeChain>[0]> = {}) =>
  judgeChain({
    certificates,
    orderKnown: true,
    name: "svc.chain.test",
    anchors: [new X509Certificate(root.certPem)],
    now,
    ...over,
  });

describe("judgeChain", () => {
  it("a complete chain in order, anchored in the truststore, has no problems", () => {
    expect(judge(der(leaf, mid)).problems).toEqual([]);
    expect(judge(der(leaf, mid, root)).problems).toEqual([]);
  });

  it("an unrelated extra certificate is named by its position", () => {
    const v = judge(der(leaf, mid, stranger));
    expect(codes(v)).toEqual([["unrelated_certificate", 2]]);
    expect(v.problems[0].message).toContain("'Stranger'");
  });

  it("leaf and root without the intermediate: the intermediate is missing, the root is not called unrelated", () => {
    const v = judge(der(leaf, root));
    expect(codes(v)).toEqual([["missing_intermediate", 0]]);
    expect(v.missingIssuer).toBe("Chain Intermediate");
  });

  it("an intermediate whose root the truststore lacks: untrusted, naming the root", () => {
    const v = judge(der(leaf, mid), { anchors: [new X509Certificate(stranger.certPem)] });
    expect(codes(v)).toEqual([["untrusted", 1]]);
    expect(v.untrustedIssuer).toBe("Chain Root");
  });

  it("a self-signed leaf (no keyCertSign, as the console generates) is untrusted unless held, never 'incomplete'", () => {
    const alone = issue(now, { commonName: "svc.chain.test", usage: "server", dnsNames: ["svc.chain.test"] });
    const v = judge(der(alone));
    expect(codes(v)).toEqual([["untrusted", 0]]);
    expect(v.untrustedIssuer).toBe("svc.chain.test");
    expect(v.problems[0].message).toBe("'svc.chain.test' is a self-signed certificate the truststore does not hold.");
    expect(judge(der(alone), { anchors: [new X509Certificate(alone.certPem)] }).problems).toEqual([]);
  });

  it("order unknown (rebuilt by OpenSSL): no order or unrelated verdicts", () => {
    expect(codes(judge(der(leaf, root, mid), { orderKnown: false }))).toEqual([]);
    expect(codes(judge(der(leaf, root, mid)))).toEqual([["wrong_order", 2]]);
  });

  it("dates per certificate, counted in whole days", () => {
    const old = issue(
      now,
      { commonName: "svc.chain.test", usage: "server", dnsNames: ["svc.chain.test"], fromDays: -400, toDays: -10 },
      mid,
    );
    const v = judge(der(old, mid));
    expect(codes(v)).toEqual([["expired", 0]]);
    expect(v.expired).toEqual({ name: "svc.chain.test", days: 10, position: 0 });
  });

  it("judges only the first ten certificates of a flood, and says how many came", () => {
    const extras = Array.from({ length: 12 }, (_, i) =>
      issue(now, { commonName: `Extra ${i}`, usage: "server", dnsNames: [`extra${i}.test`] }),
    );
    const v = judge(der(leaf, mid, ...extras));
    expect(codes(v)).toEqual([
      ["too_many_certificates", undefined],
      ...Array.from({ length: 8 }, (_, i) => ["unrelated_certificate", i + 2]),
    ]);
    expect(v.problems[0].message).toContain("sent 14 certificates; only the first 10 were examined");
  });

  it("a certificate without alternative names does not match the name, and the problem says so", () => {
    const bare = issue(now, { commonName: "other.chain.test", usage: "server" }, mid);
    const v = judge(der(bare, mid));
    expect(codes(v)).toEqual([["hostname_mismatch", 0]]);
    expect(v.problems[0].message).toContain("no alternative names");
  });
});
