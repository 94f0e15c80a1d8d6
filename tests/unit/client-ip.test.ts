import { describe, expect, it } from "vitest";
import { clientIp, trustedProxies, limitNetwork } from "@/lib/server/access/client-ip";

describe("client address", () => {
  it("with no trusted proxy is the one address Next wrote from the socket", () => {
    expect(clientIp("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientIp("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientIp("2001:DB8::1", 0)).toBe("2001:db8::1");
    expect(clientIp(null, 0)).toBe("unknown");
  });

  it("with n trusted proxies is the entry n hops from the right; the client's own claims further left are ignored", () => {
    // client claims 1.1.1.1; proxy 2 (outer) saw 198.51.100.9; proxy 1 (inner) saw proxy 2 at 10.0.0.2
    const header = "1.1.1.1, 198.51.100.9, 10.0.0.2";
    expect(clientIp(header, 1)).toBe("10.0.0.2");
    expect(clientIp(header, 2)).toBe("198.51.100.9");
    expect(clientIp("198.51.100.9", 3)).toBe("198.51.100.9");
  });

  it("never keys limits on text that is not an address", () => {
    expect(clientIp("not-an-ip", 1)).toBe("unknown");
    expect(clientIp(" , ", 1)).toBe("unknown");
  });

  it("reads TRUSTED_PROXIES as a small whole number and refuses anything else", () => {
    expect(trustedProxies({})).toBe(0);
    expect(trustedProxies({ TRUSTED_PROXIES: "2" })).toBe(2);
    for (const bad of ["-1", "1.5", "yes", "99"]) expect(() => trustedProxies({ TRUSTED_PROXIES: bad })).toThrow();
  });

  it("counts sign-in limits per IPv4 address and per IPv6 /64", () => {
    expect(limitNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(limitNetwork("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(limitNetwork("2001:DB8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(limitNetwork("2001:0db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitNetwork("::1")).toBe("0:0:0:0::/64");
    expect(limitNetwork("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(limitNetwork("unknown")).toBe("unknown");
    // Two addresses of one /64 share a limit; neighbouring /64s do not.
    expect(limitNetwork("2001:db8:a:b::1")).toBe(limitNetwork("2001:db8:a:b:ffff:ffff:ffff:ffff"));
    expect(limitNetwork("2001:db8:a:b::1")).not.toBe(limitNetwork("2001:db8:a:c::1"));
  });
});
