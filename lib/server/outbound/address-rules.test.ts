import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { hasTrustedNetworks, judgeAddress } from "@/lib/server/outbound/address-rules";
import { ConfigError, outboundNetworks } from "@/lib/server/platform/config";

const none = {};

describe("the machine's own addresses", () => {
  const mine = Object.values(networkInterfaces())
    .flat()
    .filter((e) => e && !e.internal && !e.address.startsWith("fe80"))
    .map((e) => e!.address);

  it.runIf(mine.length > 0)("refuses each address of this machine's interfaces, unless OUTBOUND_ALLOW names it", () => {
    for (const address of mine) {
      expect(judgeAddress(address, none)).toEqual({
        refused: "an address of this server's own machine",
        trusted: false,
      });
      const block = address.includes(":") ? `${address}/128` : `${address}/32`;
      expect(judgeAddress(address, { OUTBOUND_ALLOW: block })).toEqual({ trusted: true });
    }
  });
});

describe("default deny list", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["169.254.169.254", "link-local"],
    ["::ffff:169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::ffff:255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::127.0.0.1", "IPv4-compatible"],
    // AWS's instance metadata over IPv6 sits in the otherwise reachable unique-local range.
    ["fd00:ec2::254", "cloud metadata"],
    // Alibaba Cloud's instance metadata sits in the otherwise reachable shared (CGNAT) range, IPv4-mapped too.
    ["100.100.100.200", "cloud metadata"],
    ["::ffff:100.100.100.200", "cloud metadata"],
  ])("refuses %s (%s)", (address, kind) => {
    const verdict = judgeAddress(address, none);
    expect(verdict.refused).toContain(kind);
    expect(verdict.trusted).toBe(false);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.10",
    "100.64.0.1",
    "fd12:3456::1",
    "126.255.255.255",
    "128.0.0.1",
    "169.253.255.255",
    "223.255.255.255",
  ])("reaches %s (private ranges too: gateways live there)", (address) => {
    expect(judgeAddress(address, none)).toEqual({ trusted: false });
  });

  it.each([
    ["64:ff9b::7f00:1", "a translated form of 127.0.0.1, a loopback address (this machine)"],
    ["64:ff9b::a9fe:a9fe", "a translated form of 169.254.169.254, a link-local address (cloud metadata lives there)"],
    ["2002:7f00:1::1", "a translated form of 127.0.0.1, a loopback address (this machine)"],
    ["2002:a9fe:a9fe::", "a translated form of 169.254.169.254, a link-local address (cloud metadata lives there)"],
    // RFC 8215's local-use NAT64 prefix and SIIT's IPv4-translated form carry the IPv4 address in their last 32 bits.
    ["64:ff9b:1::7f00:1", "a translated form of 127.0.0.1, a loopback address (this machine)"],
    ["64:ff9b:1::a9fe:a9fe", "a translated form of 169.254.169.254, a link-local address (cloud metadata lives there)"],
    ["::ffff:0:7f00:1", "a translated form of 127.0.0.1, a loopback address (this machine)"],
  ])("refuses %s, which a NAT64 or 6to4 translator would carry to a refused IPv4 address", (address, refused) => {
    expect(judgeAddress(address, none)).toEqual({ refused, trusted: false });
  });

  it("reaches NAT64 and 6to4 forms of public addresses", () => {
    expect(judgeAddress("64:ff9b::808:808", none)).toEqual({ trusted: false });
    expect(judgeAddress("2002:808:808::1", none)).toEqual({ trusted: false });
    expect(judgeAddress("64:ff9b:1::808:808", none)).toEqual({ trusted: false });
    expect(judgeAddress("::ffff:0:808:808", none)).toEqual({ trusted: false });
  });

  it("refuses what is not an address at all", () => {
    expect(judgeAddress("localhost", none).refused).toBe("something other than an IP address");
  });
});

describe("OUTBOUND_DENY and OUTBOUND_ALLOW", () => {
  const closedPrivate = { OUTBOUND_DENY: "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7" };

  it("OUTBOUND_DENY closes the private ranges, mapped IPv6 forms included", () => {
    for (const address of ["10.1.2.3", "172.31.255.255", "192.168.0.1", "fd00::1", "::ffff:10.0.0.1"]) {
      expect(judgeAddress(address, closedPrivate).refused, address).toContain("OUTBOUND_DENY");
    }
    expect(judgeAddress("172.32.0.1", closedPrivate).refused).toBeUndefined();
    expect(judgeAddress("64:ff9b::a01:203", closedPrivate).refused).toBe(
      "a translated form of 10.1.2.3, an address in a network this server's operator has closed (OUTBOUND_DENY)",
    );
  });

  it("OUTBOUND_ALLOW wins over the default list and over OUTBOUND_DENY, and marks the address trusted", () => {
    const env = { ...closedPrivate, OUTBOUND_ALLOW: "127.0.0.0/8, 10.20.0.0/16" };
    expect(judgeAddress("127.0.0.1", env)).toEqual({ trusted: true });
    expect(judgeAddress("::ffff:127.0.0.1", env)).toEqual({ trusted: true });
    expect(judgeAddress("10.20.1.1", env)).toEqual({ trusted: true });
    expect(judgeAddress("10.21.1.1", env).refused).toContain("OUTBOUND_DENY");
    expect(judgeAddress("::1", env).refused).toContain("loopback");
    expect(judgeAddress("169.254.169.254", env).refused).toContain("link-local");
    expect(hasTrustedNetworks(env)).toBe(true);
    expect(hasTrustedNetworks(none)).toBe(false);
  });

  it("a value that cannot be read stops the start (ConfigError naming the variable)", () => {
    expect(() => outboundNetworks({ OUTBOUND_ALLOW: "127.0.0.1/8" })).toThrow(ConfigError);
    expect(() => outboundNetworks({ OUTBOUND_ALLOW: "127.0.0.1/8" })).toThrow(
      /^OUTBOUND_ALLOW: .*did you mean 127.0.0.0\/8\?/,
    );
    expect(() => outboundNetworks({ OUTBOUND_DENY: "10/8" })).toThrow(/^OUTBOUND_DENY: "10\/8" is not/);
    expect(() => judgeAddress("8.8.8.8", { OUTBOUND_DENY: "private" })).toThrow(ConfigError);
    expect(outboundNetworks({})).toEqual({ allow: [], deny: [] });
  });
});
