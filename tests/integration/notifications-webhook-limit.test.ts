import { beforeAll, describe, expect, it } from "vitest";
import { MAX_WEBHOOKS_PER_ORG } from "@/lib/tls/notifications";
import { createWebhook, deleteWebhook, listWebhooks } from "@/lib/server/notifications/webhooks";
import { db } from "@/lib/server/platform/db";
import { contextFor } from "../helpers/org-context";
import { buildWorld } from "../helpers/world";

const SECRET = "a-shared-secret-of-some-length";
const hook = (i: number) => ({ url: `https://hooks${i}.example.com/tls`, secret: SECRET });

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

/**
 * Every notice goes to every webhook, and one delivery queue serves all organizations: without a bound, one tenant's
 * hundreds of slow webhooks would hold back every other tenant's notices (security review of issue 8).
 */
describe("webhooks per organization", () => {
  it("are bounded: one more is refused at the URL field, and nothing is written", async () => {
    const ctx = await contextFor(world, "owner");
    for (let i = 0; i < MAX_WEBHOOKS_PER_ORG; i++) await createWebhook(ctx, hook(i));
    const audits = await db().auditEvent.count({ where: { orgId: ctx.org.id } });
    await expect(createWebhook(ctx, hook(99))).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: [{ field: "url", message: expect.stringContaining(`${MAX_WEBHOOKS_PER_ORG}`) }],
    });
    expect(await listWebhooks(ctx)).toHaveLength(MAX_WEBHOOKS_PER_ORG);
    expect(await db().auditEvent.count({ where: { orgId: ctx.org.id } })).toBe(audits);

    // Another organization's count is its own; deleting one makes room again.
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    await createWebhook(other, hook(0));
    await deleteWebhook(ctx, (await listWebhooks(ctx))[0].id);
    await createWebhook(ctx, hook(100));
    expect(await listWebhooks(ctx)).toHaveLength(MAX_WEBHOOKS_PER_ORG);
  });

  it("hold under concurrent creation", async () => {
    const ctx = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const results = await Promise.allSettled(
      Array.from({ length: MAX_WEBHOOKS_PER_ORG + 5 }, (_, i) => createWebhook(ctx, hook(200 + i))),
    );
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused.length).toBeGreaterThanOrEqual(5);
    for (const reason of refused) expect(reason).toMatchObject({ code: "VALIDATION" });
    expect((await listWebhooks(ctx)).length).toBeLessThanOrEqual(MAX_WEBHOOKS_PER_ORG);
  });
});
