import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  acceptAsNewAccount,
  acceptAsSignedIn,
  createInvitation,
  describeInvitation,
  INVITATION_TTL_MS,
  listInvitations,
  revokeInvitation,
} from "@/lib/server/access/invitations";
import { hashPassword } from "@/lib/server/access/password";
import { signIn } from "@/lib/server/access/sign-in";
import { hashToken } from "@/lib/server/access/tokens";
import { db } from "@/lib/server/platform/db";
import { contextFor } from "../helpers/org-context";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
const PASSWORD = "a password of my own";
const tokenOf = (link: string) => link.split("/invite/")[1]!;
const fresh = () => `person-${++seq}-${randomBytes(3).toString("hex")}@example.com`;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected a refusal"),
    (e: unknown) => e as AppError,
  );
const membershipOf = (email: string, org = world.org) =>
  db().membership.findFirst({ where: { user: { email }, org: { name: org } }, include: { role: true } });

beforeAll(async () => {
  world = await buildWorld();
});

describe("invitations", () => {
  it("stores only the token's hash, expires in 7 days and answers the same whether or not the email has an account", async () => {
    const admin = await contextFor(world, "orgAdmin");
    const outsider = world.users.otherOrgAdmin.email;
    const forNew = await createInvitation(admin, { email: fresh(), role: "member" });
    const forExisting = await createInvitation(admin, { email: outsider, role: "member" });
    expect(Object.keys(forExisting).sort()).toEqual(Object.keys(forNew).sort());
    expect(forExisting).toEqual({
      email: outsider,
      role: "member",
      expiresAt: expect.any(String),
      link: expect.any(String),
      // No SMTP_URL here: the link is not mailed (tests/integration/notifications-check.test.ts mails it).
      emailed: false,
    });
    expect(forExisting.link).toMatch(/^http.*\/invite\/[A-Za-z0-9_-]{43}$/);
    const row = await db().invitation.findFirstOrThrow({ where: { email: outsider } });
    expect(row.tokenHash).toBe(hashToken(tokenOf(forExisting.link)));
    expect(JSON.stringify(row)).not.toContain(tokenOf(forExisting.link));
    const ttl = row.expiresAt.getTime() - row.createdAt.getTime();
    expect(Math.abs(ttl - INVITATION_TTL_MS)).toBeLessThan(60_000);
    // The reported takeover: inviting an existing account grants nothing until that account accepts.
    expect(await membershipOf(outsider)).toBeNull();
  });

  it("lets a new person choose their own name and password, once", async () => {
    const owner = await contextFor(world, "owner");
    const email = fresh();
    const { link } = await createInvitation(owner, { email, role: "tls-viewer" });
    expect(await describeInvitation(tokenOf(link))).toMatchObject({ email, accountExists: false, role: "TLS viewer" });
    const accepted = await acceptAsNewAccount(tokenOf(link), { name: "New Person", password: PASSWORD }, "req-1");
    expect(accepted.org).toBe(world.org);
    expect((await membershipOf(email))?.role.name).toBe("tls-viewer");
    await expect(signIn({ email, password: PASSWORD }, { ip: "10.20.0.1" })).resolves.toMatchObject({
      token: expect.any(String),
    });
    expect(
      await db().auditEvent.findFirst({ where: { action: "accept-invitation", targetName: email } }),
    ).not.toBeNull();
    expect(await describeInvitation(tokenOf(link))).toBeNull();
    const again = await failure(acceptAsNewAccount(tokenOf(link), { name: "X", password: PASSWORD }, "req-2"));
    expect(again.code).toBe("NOT_FOUND");
  });

  it("gives the membership to exactly one of two requests racing with one link", async () => {
    const owner = await contextFor(world, "owner");
    const email = fresh();
    const token = tokenOf((await createInvitation(owner, { email, role: "member" })).link);
    const results = await Promise.allSettled([
      acceptAsNewAccount(token, { name: "A", password: PASSWORD }, "r-a"),
      acceptAsNewAccount(token, { name: "B", password: PASSWORD }, "r-b"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("never sets or replaces the password of an existing account", async () => {
    const owner = await contextFor(world, "owner");
    const email = fresh();
    const passwordHash = await hashPassword("the owner's own password");
    await db().user.create({ data: { email, name: "Existing", passwordHash } });
    const { link } = await createInvitation(owner, { email, role: "administrator" });
    expect(await describeInvitation(tokenOf(link))).toMatchObject({ accountExists: true });
    const refused = await failure(acceptAsNewAccount(tokenOf(link), { name: "Thief", password: PASSWORD }, "r"));
    expect(refused.code).toBe("CONFLICT");
    expect((await db().user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(passwordHash);
    expect(await membershipOf(email)).toBeNull();
  });

  it("lets an existing account accept only while signed in as the invited email", async () => {
    const owner = await contextFor(world, "owner");
    const invitee = world.users.otherOrgAdmin;
    const { link } = await createInvitation(owner, { email: invitee.email, role: "tls-manager" });
    const someoneElse = {
      userId: world.users.member.userId,
      email: world.users.member.email,
      name: "m",
      via: "session" as const,
    };
    expect((await failure(acceptAsSignedIn(someoneElse, tokenOf(link), "r"))).code).toBe("FORBIDDEN");
    const self = { userId: invitee.userId, email: invitee.email, name: "o", via: "session" as const };
    await expect(acceptAsSignedIn(self, tokenOf(link), "r")).resolves.toEqual({ org: world.org });
    expect((await membershipOf(invitee.email))?.role.name).toBe("tls-manager");
  });

  it("lists pending invitations, replaces an earlier link on re-invite, and revokes", async () => {
    const owner = await contextFor(world, "owner");
    const email = fresh();
    const first = await createInvitation(owner, { email, role: "member" });
    const second = await createInvitation(owner, { email, role: "tls-viewer" });
    expect(await describeInvitation(tokenOf(first.link))).toBeNull();
    const pending = (await listInvitations(owner)).filter((i) => i.email === email);
    expect(pending).toEqual([
      expect.objectContaining({ email, role: "tls-viewer", invitedBy: world.users.owner.email }),
    ]);
    await revokeInvitation(owner, pending[0]!.id);
    expect(await describeInvitation(tokenOf(second.link))).toBeNull();
    expect(
      await db().auditEvent.findFirst({ where: { action: "revoke-invitation", targetName: email } }),
    ).not.toBeNull();
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const { email: theirs } = await createInvitation(other, { email: fresh(), role: "member" });
    const theirId = (await listInvitations(other)).find((i) => i.email === theirs)!.id;
    expect((await failure(revokeInvitation(owner, theirId))).code).toBe("NOT_FOUND");
  });

  it("does not let someone replace a pending invitation to a role they may not grant", async () => {
    const owner = await contextFor(world, "owner");
    const admin = await contextFor(world, "orgAdmin");
    const email = fresh();
    await createInvitation(owner, { email, role: "administrator" });
    const refused = await failure(createInvitation(admin, { email, role: "member" }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", fieldErrors: [{ field: "email" }] });
    expect((await listInvitations(owner)).filter((i) => i.email === email)).toMatchObject([{ role: "administrator" }]);
  });

  it("refuses an expired link and an invitation for someone already a member", async () => {
    const owner = await contextFor(world, "owner");
    const email = fresh();
    const { link } = await createInvitation(owner, { email, role: "member" });
    await db().invitation.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeInvitation(tokenOf(link))).toBeNull();
    expect((await failure(acceptAsNewAccount(tokenOf(link), { name: "L", password: PASSWORD }, "r"))).code).toBe(
      "NOT_FOUND",
    );
    expect((await listInvitations(owner)).some((i) => i.email === email)).toBe(false);
    const already = await failure(createInvitation(owner, { email: world.users.member.email, role: "member" }));
    expect(already).toMatchObject({ code: "CONFLICT", fieldErrors: [{ field: "email" }] });
  });
});
