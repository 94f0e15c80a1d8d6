import { afterEach, describe, expect, it, vi } from "vitest";
import { checkWebhookUrl, type Lookup, type OutboundPurpose, resolvePinned } from "@/lib/server/outbound/destination";
import { fakeDns, refusal } from "@/tests/helpers/loopback";

afterEach(() => vi.unstubAllEnvs());

describe("checkWebhookUrl", () => {
  it("accepts an https URL and returns it parsed", () => {
    const url = checkWebhookUrl("  https://Hooks.Example.com:8443/tls/expiry?team=ops  ");
    expect(url.href).toBe("https://hooks.example.com:8443/tls/expiry?team=ops");
  });

  it.each([
    ["", "BAD_URL", "Enter the webhook's URL"],
    ["hooks.example.com/tls", "BAD_URL", "Enter a full URL"],
    ["ftp://hooks.example.com/", "BAD_URL", "starts with https://"],
    ["javascript:alert(1)", "BAD_URL", "starts with https://"],
    ["https://user:pass@hooks.example.com/", "BAD_URL", "user name and password"],
    ["https://token@hooks.example.com/", "BAD_URL", "user name and password"],
    ["https://hooks.example.com:0/", "BAD_URL", "between 1 and 65535"],
    ["https://hooks.example.com:65536/", "BAD_URL", "Enter a full URL"],
    ["https://hooks.exa\nmple.com/", "BAD_URL", "control characters"],
    ["https://hooks.example.com/a b", "BAD_URL", "spaces"],
    [`https://hooks.example.com/${"a".repeat(2048)}`, "BAD_URL", "at most 2048"],
    ["http://hooks.example.com/", "HTTPS_REQUIRED", "https only"],
    ["https://169.254.169.254/latest/meta-data/", "DENIED_ADDRESS", "link-local"],
    ["https://127.0.0.1/", "DENIED_ADDRESS", "loopback"],
    ["https://2130706433/", "DENIED_ADDRESS", "loopback"],
    ["https://0x7f.1/", "DENIED_ADDRESS", "loopback"],
    ["https://[::ffff:127.0.0.1]/", "DENIED_ADDRESS", "loopback"],
    ["https://[::]/", "DENIED_ADDRESS", "unspecified"],
    ["https://localhost:3000/", "DENIED_ADDRESS", "loopback"],
    ["https://app.localhost/", "DENIED_ADDRESS", "loopback"],
  ])("refuses %j as %s", async (raw, code, words) => {
    const e = await refusal(() => checkWebhookUrl(raw));
    expect(e.code).toBe(code);
    expect(e.message).toContain(words);
  });

  it("accepts plain http only where OUTBOUND_ALLOW could cover the address", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8,10.20.0.0/16");
    expect(checkWebhookUrl("http://127.0.0.1:8080/hook").port).toBe("8080");
    expect(checkWebhookUrl("http://10.20.3.4/hook").hostname).toBe("10.20.3.4");
    // A name is judged on its address at delivery; a literal outside the trusted blocks is known now.
    expect(checkWebhookUrl("http://hooks.corp.example/").hostname).toBe("hooks.corp.example");
    expect((await refusal(() => checkWebhookUrl("http://10.30.0.1/"))).code).toBe("HTTPS_REQUIRED");
    // localhost is both 127.0.0.1 and ::1; only one is trusted here.
    expect((await refusal(() => checkWebhookUrl("https://localhost/"))).code).toBe("DENIED_ADDRESS");
  });
});

describe("resolvePinned", () => {
  it("refuses the cloud metadata address without asking DNS", async () => {
    const lookup = fakeDns({});
    const e = await refusal(resolvePinned("169.254.169.254", "webhook", { lookup }));
    expect(e.code).toBe("DENIED_ADDRESS");
    expect(e.message).toBe(
      "169.254.169.254 is a link-local address (cloud metadata lives there); webhooks are not sent there.",
    );
    expect(lookup).not.toHaveBeenCalled();
  });

  it("refuses a name that resolves to loopback (DNS rebinding target)", async () => {
    const lookup = fakeDns({ "rebind.test": ["127.0.0.1"] });
    const e = await refusal(resolvePinned("rebind.test", "probe", { lookup }));
    expect(e.code).toBe("DENIED_ADDRESS");
    expect(e.message).toBe("rebind.test resolves to a loopback address (this machine); probes do not go there.");
  });

  it("applies the same rules to every purpose, saying which one was refused", async () => {
    const said: Record<OutboundPurpose, string> = {
      webhook: "webhooks are not sent there",
      probe: "probes do not go there",
    };
    for (const purpose of Object.keys(said) as OutboundPurpose[]) {
      const e = await refusal(resolvePinned("[fe80::1]", purpose));
      expect(e.message).toBe(`fe80::1 is a link-local address (cloud metadata lives there); ${said[purpose]}.`);
    }
  });

  it("refuses a name when any one of its addresses is refused", async () => {
    const lookup = fakeDns({ "mixed.test": ["93.184.215.14", "::ffff:169.254.169.254"] });
    expect((await refusal(resolvePinned("mixed.test", "webhook", { lookup }))).code).toBe("DENIED_ADDRESS");
  });

  it("resolves once and pins one checked address, IPv4 first", async () => {
    const lookup = fakeDns({ "gw.test": ["2001:db8::7", "192.0.2.7"] });
    expect(await resolvePinned("GW.test.", "probe", { lookup })).toEqual({
      address: "192.0.2.7",
      family: 4,
      trusted: false,
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith("gw.test");
    const v6 = fakeDns({ "v6.test": ["2001:db8::7"] });
    expect(await resolvePinned("v6.test", "probe", { lookup: v6 })).toEqual({
      address: "2001:db8::7",
      family: 6,
      trusted: false,
    });
    expect(await resolvePinned("[2001:db8::8]", "probe", { lookup: v6 })).toMatchObject({
      address: "2001:db8::8",
      family: 6,
    });
    expect(v6).toHaveBeenCalledTimes(1);
  });

  it("marks an address in OUTBOUND_ALLOW trusted, and lets it through even if the default list refuses it", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const lookup = fakeDns({ "hooks.test": ["127.0.0.1"] });
    expect(await resolvePinned("hooks.test", "webhook", { lookup })).toEqual({
      address: "127.0.0.1",
      family: 4,
      trusted: true,
    });
  });

  it("says when a name has no record, and when the resolver answers with something that is not an address", async () => {
    const lookup = fakeDns({ "empty.test": [], "odd.test": ["not-an-ip"] });
    const missing = await refusal(resolvePinned("nowhere.test", "webhook", { lookup }));
    expect([missing.code, missing.message]).toEqual(["DNS_FAILED", "nowhere.test has no DNS record."]);
    expect((await refusal(resolvePinned("empty.test", "webhook", { lookup }))).code).toBe("DNS_FAILED");
    expect((await refusal(resolvePinned("odd.test", "webhook", { lookup }))).code).toBe("DENIED_ADDRESS");
  });

  it("stops waiting for a resolver that does not answer", async () => {
    const lookup: Lookup = () => new Promise(() => {});
    const e = await refusal(resolvePinned("slow.test", "webhook", { lookup, timeoutMs: 20 }));
    expect([e.code, e.message]).toEqual(["TIMEOUT", "slow.test could not be resolved in time."]);
    const deadline = new AbortController();
    const waiting = resolvePinned("slow.test", "webhook", { lookup, signal: deadline.signal });
    deadline.abort();
    expect((await refusal(waiting)).code).toBe("TIMEOUT");
  });

  it("refuses what is not a host before asking DNS", async () => {
    const lookup = fakeDns({});
    for (const host of [
      "",
      "a b",
      "-lead.test",
      "x".repeat(64) + ".test",
      "evil.test/path",
      "user@host",
      "a?b",
      "a\\b",
      "x:80",
    ]) {
      expect((await refusal(resolvePinned(host, "probe", { lookup }))).code, host).toBe("BAD_URL");
    }
    expect(lookup).not.toHaveBeenCalled();
  });
});
