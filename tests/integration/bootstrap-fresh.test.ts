import { describe, expect, it } from "vitest";
import { signIn } from "@/lib/server/access/sign-in";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { actorFromSessionToken } from "@/lib/server/access/sessions";
import { bootstrap } from "@/lib/server/install/bootstrap";
import { db } from "@/lib/server/platform/db";

describe("first start", () => {
  it("creates the owner and the admin and sample organizations, and prints a generated password once", async () => {
    expect(await db().user.count()).toBe(0);
    const first = await bootstrap({ ADMIN_EMAIL: "Owner@Example.com" });
    const password = first.message.match(/generated password: (\S+)/)?.[1];
    expect(password).toBeTruthy();
    const { token } = await signIn({ email: "owner@example.com", password }, { ip: "127.0.0.1" });
    const actor = await actorFromSessionToken(token);
    const orgs = await listMyOrgs(actor!);
    expect(orgs.map((o) => [o.name, o.title, o.type, o.role])).toEqual([
      ["admin", "Cloud Manager", "admin", "Owner"],
      ["sample-org", "Sample Provider Organization", "provider", "Owner"],
    ]);
    const again = await bootstrap({});
    expect(again.created).toBe(false);
    expect(again.message).not.toContain(password!);
  });
});
