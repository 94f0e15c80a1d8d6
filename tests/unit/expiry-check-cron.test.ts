import { describe, expect, it } from "vitest";
import { expiryCheckCron } from "@/lib/server/notifications/cron-config";

describe("EXPIRY_CHECK_CRON", () => {
  it("defaults to hourly, takes a pattern or off, and names a pattern it cannot read", () => {
    expect(expiryCheckCron({})).toBe("0 * * * *");
    expect(expiryCheckCron({ EXPIRY_CHECK_CRON: " */15 * * * * " })).toBe("*/15 * * * *");
    expect(expiryCheckCron({ EXPIRY_CHECK_CRON: "OFF" })).toBeNull();
    expect(() => expiryCheckCron({ EXPIRY_CHECK_CRON: "every hour" })).toThrow(/EXPIRY_CHECK_CRON .*"every hour"/);
  });
});
