import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { changePasswordAction, signOutEverywhereAction } from "@/app/actions/account";
import { acceptAsNewAccountAction, acceptInvitationAction } from "@/app/actions/invitations";
import { assignRoleAction, createRoleAction, inviteMemberAction } from "@/app/actions/members";
import { createInvitation } from "@/lib/server/access/invitations";
import { hashPassword } from "@/lib/server/access/password";
import { requireOrg } from "@/lib/server/access/require-org";
import { createSession } from "@/lib/server/access/sessions";
import { db } from "@/lib/server/platform/db";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

/**
 * Who may grant what to whom (docs/decisions/011): every actor × the target's current role × the new role, by
 * role change and by invitation. The expectations are written out here, not computed by the rule under test.
 */
const ROLES = ["owner", "administrator", "tls-manager", "people", "member"] as const;
type RoleName = (typeof ROLES)[number];
const ACTORS = ["owner", "administrator", "people"] as const;
type ActorRole = (typeof ACTORS)[number];

/** "people" holds Members: Manage only — the role that assigned itself Administrator in the report. */
const MAY_GRANT: Record<ActorRole, readonly RoleName[]> = {
  owner: ROLES,
  administrator: ["tls-manager", "people", "member"],
  people: ["people", "member"],
};
const allowed = (actor: ActorRole, from: RoleName, to: RoleName) =>
  MAY_GRANT[actor].includes(from) && MAY_GRANT[actor].includes(to);

let org: { id: string; name: string };
const roleIds = {} as Record<RoleName, string>;
const sessions = {} as Record<ActorRole, { userId: string; token: string }>;
let seq = 0;

async function addUser(role: RoleName) {
  const user = await db().user.create({
    data: { email: `u${++seq}-${randomBytes(3).toString("hex")}@example.com`, name: "U", passwordHash: "x" },
  });
  await db().membership.create({ data: { userId: user.id, orgId: org.id, roleId: roleIds[role] } });
  return user;
}

const roleOf = async (userId: string) =>
  (await db().membership.findFirstOrThrow({ where: { userId, orgId: org.id }, include: { role: true } })).role.name;

const state = async () => ({
  members: await db().membership.findMany({ where: { orgId: org.id }, orderBy: { id: "asc" } }),
  invitations: await db().invitation.count({ where: { orgId: org.id } }),
  audit: await db().auditEvent.count({ where: { orgId: org.id } }),
});

beforeAll(async () => {
  const world = await buildWorld();
  org = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
  await db().role.createMany({
    data: [{ orgId: org.id, name: "people", title: "People", permissions: "members:manage" }],
  });
  for (const name of ROLES) {
    roleIds[name] = (await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId: org.id, name } } })).id;
  }
  for (const actor of ACTORS) {
    const user = await addUser(actor);
    sessions[actor] = { userId: user.id, token: (await createSession(user.id, {})).token };
  }
});

const CASES = ACTORS.flatMap((actor) =>
  ROLES.flatMap((from) => ROLES.filter((to) => to !== from).map((to) => ({ actor, from, to }))),
);

describe("assignRole: who may give which role to whom", () => {
  it.each(CASES)("$actor changes $from → $to", async ({ actor, from, to }) => {
    const target = await addUser(from);
    actAs(sessions[actor].token);
    const before = await state();
    const result = await assignRoleAction(org.name, target.id, to);
    if (allowed(actor, from, to)) {
      expect(result).toMatchObject({ ok: true });
      expect(await roleOf(target.id)).toBe(to);
      return;
    }
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: [{ field: "role" }] });
    expect(await state()).toEqual(before);
  });

  it.each(ACTORS.flatMap((actor) => ROLES.filter((to) => to !== actor).map((to) => ({ actor, to }))))(
    "$actor cannot change their own role to $to",
    async ({ actor, to }) => {
      actAs(sessions[actor].token);
      const before = await state();
      const result = await assignRoleAction(org.name, sessions[actor].userId, to);
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: "You cannot change your own role." });
      expect(await state()).toEqual(before);
    },
  );
});

describe("createRole: only with permissions the creator holds", () => {
  it.each([
    { actor: "people" as const, permissions: ["settings:manage"], ok: false },
    { actor: "people" as const, permissions: ["members:manage"], ok: true },
    { actor: "administrator" as const, permissions: ["settings:manage", "members:manage"], ok: true },
  ])("$actor creates a role with $permissions", async ({ actor, permissions, ok }) => {
    actAs(sessions[actor].token);
    const before = { ...(await state()), roles: await db().role.count({ where: { orgId: org.id } }) };
    const result = await createRoleAction(org.name, { name: `made-${++seq}`, title: "Made", permissions });
    if (ok) return expect(result).toMatchObject({ ok: true });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: [{ field: "permissions" }] });
    expect({ ...(await state()), roles: await db().role.count({ where: { orgId: org.id } }) }).toEqual(before);
  });
});

describe("inviteMember: which roles each actor may invite with", () => {
  it.each(ACTORS.flatMap((actor) => ROLES.map((role) => ({ actor, role }))))(
    "$actor invites as $role",
    async ({ actor, role }) => {
      actAs(sessions[actor].token);
      const before = await state();
      const result = await inviteMemberAction(org.name, { email: `invitee-${++seq}@example.com`, role });
      if (MAY_GRANT[actor].includes(role)) {
        expect(result).toMatchObject({ ok: true });
        return;
      }
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: [{ field: "role" }] });
      expect(await state()).toEqual(before);
    },
  );
});

describe("account and invitation actions: who may call", () => {
  const person = async () => {
    const user = await addUser("member");
    return { user, token: (await createSession(user.id, {})).token };
  };
  const sessionsOf = (userId: string) => db().session.count({ where: { userId } });

  it("changePassword: refused signed out; a signed-in person changes only their own", async () => {
    const { user } = await person();
    actAs(undefined);
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    const body = { currentPassword: "x", newPassword: "a new long password" };
    expect(await changePasswordAction(body)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
    const { user: self, token } = await person();
    await db().user.update({ where: { id: self.id }, data: { passwordHash: await hashPassword("x") } });
    actAs(token);
    expect(await changePasswordAction(body)).toMatchObject({ ok: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
  });

  it("signOutEverywhere: refused signed out; signed in, ends only the caller's sessions", async () => {
    const { user, token } = await person();
    const bystander = await person();
    actAs(undefined);
    expect(await signOutEverywhereAction()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await sessionsOf(user.id)).toBe(1);
    actAs(token);
    await expect(signOutEverywhereAction()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await sessionsOf(bystander.user.id)).toBe(1);
  });

  it("acceptInvitation: refused signed out and for another account; the invited account joins", async () => {
    const ownerCtx = await requireOrg(
      { userId: sessions.owner.userId, email: "o", name: "o", via: "session" },
      org.name,
      "members:manage",
      "r",
    );
    const invitee = await db().user.create({
      data: { email: `joiner-${++seq}@example.com`, name: "J", passwordHash: "x" },
    });
    const token = (await createInvitation(ownerCtx, { email: invitee.email, role: "member" })).link.split(
      "/invite/",
    )[1]!;
    const stranger = await person();
    const before = await state();
    actAs(undefined);
    expect(await acceptInvitationAction(token)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    actAs(stranger.token);
    expect(await acceptInvitationAction(token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await state()).toEqual(before);
    actAs((await createSession(invitee.id, {})).token);
    expect(await acceptInvitationAction(token)).toMatchObject({ ok: true, data: { org: org.name } });
    expect(await roleOf(invitee.id)).toBe("member");
  });

  it("acceptAsNewAccount: the link is the credential; a made-up token changes nothing", async () => {
    actAs(undefined);
    const before = { ...(await state()), users: await db().user.count() };
    const refused = await acceptAsNewAccountAction("made-up-token", { name: "N", password: "a long enough password" });
    expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect({ ...(await state()), users: await db().user.count() }).toEqual(before);
  });
});
