import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assignRole } from "@/lib/server/access/members";
import { createOrganization } from "@/lib/server/access/orgs";
import { requireOrg } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";

async function orgWithTwoOwners() {
  const suffix = randomBytes(3).toString("hex");
  const org = await createOrganization({ name: `race-${suffix}`, title: "Race", type: "provider" });
  const owner = await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId: org.id, name: "owner" } } });
  const users = await Promise.all(
    ["a", "b"].map(async (who) => {
      const email = `${who}-${suffix}@example.com`;
      const user = await db().user.create({ data: { email, name: who, passwordHash: "x" } });
      await db().membership.create({ data: { userId: user.id, orgId: org.id, roleId: owner.id } });
      return { userId: user.id, email, name: who, via: "session" as const };
    }),
  );
  const [a, b] = await Promise.all(users.map((u) => requireOrg(u, org.name, "members:manage", `race-${u.name}`)));
  return { org, a: a!, b: b! };
}

describe("an organization keeps at least one owner", () => {
  // Several rounds: without the lock, both demotions read "two owners" and commit, leaving none.
  it.each([1, 2, 3, 4, 5])("when two owners demote each other at the same moment (round %i)", async () => {
    const { org, a, b } = await orgWithTwoOwners();
    const results = await Promise.allSettled([
      assignRole(a, b.actor.userId, "administrator"),
      assignRole(b, a.actor.userId, "administrator"),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    const owners = await db().membership.count({ where: { orgId: org.id, role: { name: "owner" } } });
    expect(owners).toBe(1);
  });

  it("judges the actor by their role at the time of the change, not when the request began", async () => {
    const { org, a, b } = await orgWithTwoOwners();
    await assignRole(a, b.actor.userId, "member");
    // b's context still says "owner": it was read before the demotion.
    await expect(assignRole(b, a.actor.userId, "member")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().membership.count({ where: { orgId: org.id, role: { name: "owner" } } })).toBe(1);
  });
});
