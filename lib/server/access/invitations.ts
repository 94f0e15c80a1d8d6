import "server-only";
import { ZAcceptAsNewAccount, ZInvite } from "@/lib/auth/account-schemas";
import { grantRefusal } from "@/lib/auth/role-hierarchy";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/access/actor";
import { lockOrganization } from "@/lib/server/access/org-lock";
import { hashPassword } from "@/lib/server/access/password";
import type { OrgContext } from "@/lib/server/access/require-org";
import { hashToken, newToken } from "@/lib/server/access/tokens";
import { audit } from "@/lib/server/platform/audit";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { roleOrThrow } from "@/lib/server/access/members";
import { mailInvitation } from "@/lib/server/mail/invitation-mail";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const INVALID = "This invitation link is not valid: it was used, revoked or has expired.";

export interface InvitationDto {
  id: string;
  email: string;
  role: string;
  invitedBy: string;
  expiresAt: string;
}

/**
 * Invites an email into the organization with a role the inviter may grant. The answer is the same whether or not
 * the email has an account, and carries the one-time link, which is never stored or shown again. With SMTP configured
 * the link is also mailed to the invited address (`emailed` says whether it went out).
 */
export async function createInvitation(ctx: OrgContext, raw: unknown) {
  const input = ZInvite.parse(raw);
  const role = await roleOrThrow(ctx, input.role);
  const refusal = grantRefusal(ctx.role, role);
  if (refusal) throw new AppError("FORBIDDEN", refusal.message, [refusal]);
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { orgId: ctx.org.id, user: { email: input.email } } });
    if (member) {
      throw new AppError("CONFLICT", `${input.email} is already a member.`, [
        { field: "email", message: "Already a member of this organization" },
      ]);
    }
    // Inviting again replaces the earlier link, so only the newest one works; replacing it revokes it, which
    // needs the same right as revoking it.
    const earlier = await tx.invitation.findFirst({
      where: { orgId: ctx.org.id, email: input.email },
      include: { role: true },
    });
    if (earlier && grantRefusal(ctx.role, earlier.role)) {
      throw new AppError("FORBIDDEN", `${input.email} has a pending invitation to a role you may not grant.`, [
        { field: "email", message: "Has a pending invitation to a role you may not grant" },
      ]);
    }
    await tx.invitation.deleteMany({ where: { orgId: ctx.org.id, email: input.email } });
    await tx.invitation.create({
      data: {
        orgId: ctx.org.id,
        email: input.email,
        roleId: role.id,
        tokenHash: hashToken(token),
        invitedBy: ctx.actor.email,
        expiresAt,
      },
    });
    await audit(tx, ctx, "invite", { type: "invitation", name: input.email }, { role: { to: role.name } });
  });
  const invited = { email: input.email, role: role.name, expiresAt: expiresAt.toISOString(), link: inviteLink(token) };
  const mail = { ...invited, orgTitle: ctx.org.title, invitedBy: ctx.actor.email };
  return { ...invited, emailed: await mailInvitation(mail, ctx.requestId) };
}

function inviteLink(token: string): string {
  return `${publicUrl()}/invite/${token}`;
}

export async function listInvitations(ctx: OrgContext): Promise<InvitationDto[]> {
  const rows = await db().invitation.findMany({
    where: { orgId: ctx.org.id, expiresAt: { gt: new Date() } },
    include: { role: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role.name,
    invitedBy: i.invitedBy,
    expiresAt: i.expiresAt.toISOString(),
  }));
}

export async function revokeInvitation(ctx: OrgContext, id: string) {
  await db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, orgId: ctx.org.id }, include: { role: true } });
    if (!invitation) throw new AppError("NOT_FOUND", "No such pending invitation.");
    const refusal = grantRefusal(ctx.role, invitation.role);
    if (refusal) throw new AppError("FORBIDDEN", "You cannot revoke an invitation to a role you may not grant.");
    await tx.invitation.delete({ where: { id: invitation.id } });
    await audit(tx, ctx, "revoke-invitation", { type: "invitation", name: invitation.email }, {});
  });
}

async function pendingByToken(token: string) {
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { org: true, role: true },
  });
  return invitation && invitation.expiresAt.getTime() > Date.now() ? invitation : null;
}

/**
 * What the link's page shows. Only the holder of the link learns whether the invited email has an account: they
 * need it to know whether to choose a password or to sign in.
 */
export async function describeInvitation(token: string) {
  const invitation = await pendingByToken(token);
  if (!invitation) return null;
  const account = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    org: { name: invitation.org.name, title: invitation.org.title },
    role: invitation.role.title,
    accountExists: !!account,
  };
}

type Pending = NonNullable<Awaited<ReturnType<typeof pendingByToken>>>;
type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Uses the invitation up: of two requests racing with one link, exactly one gets the membership. */
async function claim(tx: Tx, invitation: Pending, actor: Actor, requestId: string) {
  const { count } = await tx.invitation.deleteMany({ where: { id: invitation.id } });
  if (count !== 1) throw new AppError("NOT_FOUND", INVALID);
  await lockOrganization(tx, invitation.orgId);
  await tx.membership.create({ data: { userId: actor.userId, orgId: invitation.orgId, roleId: invitation.roleId } });
  const ctx: OrgContext = {
    actor,
    org: invitation.org,
    role: { name: invitation.role.name, title: invitation.role.title, permissions: invitation.role.permissions },
    requestId,
  };
  await audit(
    tx,
    ctx,
    "accept-invitation",
    { type: "member", name: actor.email },
    { role: { to: invitation.role.name } },
  );
}

/** A new person chooses their own name and password; the caller then opens a session for the returned user. */
export async function acceptAsNewAccount(token: string, raw: unknown, requestId: string) {
  const input = ZAcceptAsNewAccount.parse(raw);
  const invitation = await pendingByToken(token);
  if (!invitation) throw new AppError("NOT_FOUND", INVALID);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: invitation.email } })) {
        throw new AppError("CONFLICT", `An account for ${invitation.email} exists: sign in as it to accept.`);
      }
      const user = await tx.user.create({ data: { email: invitation.email, name: input.name, passwordHash } });
      await claim(tx, invitation, { userId: user.id, email: user.email, name: user.name, via: "session" }, requestId);
      return { userId: user.id, org: invitation.org.name };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `An account for ${invitation.email} exists: sign in as it to accept.`);
    throw e;
  }
}

/** An existing account accepts while signed in as the invited email, never as somebody else. */
export async function acceptAsSignedIn(actor: Actor, token: string, requestId: string) {
  const invitation = await pendingByToken(token);
  if (!invitation) throw new AppError("NOT_FOUND", INVALID);
  if (actor.email !== invitation.email) {
    throw new AppError("FORBIDDEN", `This invitation is for ${invitation.email}; you are signed in as ${actor.email}.`);
  }
  try {
    await db().$transaction((tx) => claim(tx, invitation, actor, requestId));
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `You are already a member of ${invitation.org.title}.`);
    throw e;
  }
  return { org: invitation.org.name };
}
