import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("an unreadable OUTBOUND_ALLOW / OUTBOUND_DENY stops the server at start", () => {
  it.each([
    [
      "OUTBOUND_DENY",
      "10.0.0.1/8",
      'OUTBOUND_DENY: "10.0.0.1/8" has bits set after its /8 prefix; did you mean 10.0.0.0/8?',
    ],
    [
      "OUTBOUND_ALLOW",
      "127.0.0.0/8;10.0.0.0/8",
      'OUTBOUND_ALLOW: "127.0.0.0/8;10.0.0.0/8" is not an IP address or CIDR block',
    ],
  ])("%s=%s", async (name, value, message) => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv(name, value);
    // Exiting for real would end the test run. The check comes before the master key, so no database is needed.
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`tls-console: ${message}`));
  });
});
