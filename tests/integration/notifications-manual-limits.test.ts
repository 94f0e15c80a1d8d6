import { beforeAll, describe, expect, it } from "vitest";
import { checkNow } from "@/lib/server/notifications/check-now";
import { MANUAL_LIMITS, reserveManual } from "@/lib/server/notifications/manual-limits";
import { contextFor } from "../helpers/org-context";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

/**
 * Test sends reach tenant-chosen hosts and mailboxes, and "Check now" starts a delivery run for every organization:
 * each person gets only so many per window (security review of issue 8).
 */
describe("manual notification actions", () => {
  it("'Check now' is refused past its limit per person, with when to come back; another person is not held", async () => {
    const owner = await contextFor(world, "owner");
    for (let i = 0; i < MANUAL_LIMITS.checkNow.max; i++) await checkNow(owner);
    await expect(checkNow(owner)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/manual checks.*minutes/),
    });
    await expect(checkNow(await contextFor(world, "orgAdmin"))).resolves.toMatchObject({ queued: [] });
  });

  it("test sends share one window per person, and it opens again once over", async () => {
    const ctx = await contextFor(world, "customManage");
    const t0 = Date.now();
    for (let i = 0; i < MANUAL_LIMITS.testSend.max; i++) await reserveManual(ctx, "testSend", t0);
    await expect(reserveManual(ctx, "testSend", t0)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(reserveManual(ctx, "testSend", t0 + MANUAL_LIMITS.testSend.windowMs + 1)).resolves.toBeUndefined();
  });
});
