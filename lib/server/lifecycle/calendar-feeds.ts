import "server-only";
import { z } from "zod";
import { OPERATIONS } from "@/lib/auth/operations";
import { hasPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateCalendarFeed } from "@/lib/tls/calendar-feed-input";
import type { OrgContext } from "@/lib/server/access/require-org";
import { hashToken, newToken } from "@/lib/server/access/tokens";
import { audit } from "@/lib/server/platform/audit";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";

/** Marks a feed token wherever it turns up (a pasted URL, a secret scanner's findings). */
const TOKEN_PREFIX = "tlscal_";

export interface CalendarFeedDto {
  id: string;
  name: string;
  created_at: string;
  created_by: string;
}

/** The subscription URL is returned here, once; only the token's hash is stored (ADR 021). */
export async function createCalendarFeed(
  ctx: OrgContext,
  raw: unknown,
): Promise<{ feed: CalendarFeedDto; subscription_url: string }> {
  const { name } = ZCreateCalendarFeed.parse(raw);
  const token = `${TOKEN_PREFIX}${newToken(32)}`;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.calendarFeed.create({
      data: {
        orgId: ctx.org.id,
        name,
        tokenHash: hashToken(token),
        createdById: ctx.actor.userId,
        createdBy: ctx.actor.email,
      },
    });
    await audit(tx, ctx, "create", { type: "calendar-feed", name }, {});
    return created;
  });
  return { feed: toDto(row), subscription_url: feedUrl(ctx.org.name, token) };
}

function feedUrl(org: string, token: string): string {
  return `${publicUrl()}/api/orgs/${org}/expiry.ics?token=${token}`;
}

/** The organization's feeds that still answer, newest first. */
export async function listCalendarFeeds(ctx: OrgContext): Promise<CalendarFeedDto[]> {
  const rows = await db().calendarFeed.findMany({
    where: { orgId: ctx.org.id, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(toDto);
}

export async function revokeCalendarFeed(ctx: OrgContext, feedId: unknown): Promise<void> {
  const id = z.string().min(1).max(64).parse(feedId);
  await db().$transaction(async (tx) => {
    const active = { id, orgId: ctx.org.id, revokedAt: null };
    const row = await tx.calendarFeed.findFirst({ where: active });
    // Counted again on the write: of two revokes racing, one finds nothing left to revoke.
    const { count } = row
      ? await tx.calendarFeed.updateMany({ where: active, data: { revokedAt: new Date() } })
      : { count: 0 };
    if (!row || count === 0) throw new AppError("NOT_FOUND", "No active calendar feed with that id.");
    await audit(tx, ctx, "revoke", { type: "calendar-feed", name: row.name }, {});
  });
}

/**
 * The organization a feed token opens, or null: unknown, revoked, another organization's, or its creator may no
 * longer view the organization's TLS settings. Every null is the same 404, so a guess learns nothing.
 */
export async function organizationOfFeed(orgName: string, token: string | null) {
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const feed = await db().calendarFeed.findUnique({ where: { tokenHash: hashToken(token) }, include: { org: true } });
  if (!feed || feed.revokedAt || feed.org.name !== orgName) return null;
  const creator = await db().membership.findUnique({
    where: { userId_orgId: { userId: feed.createdById, orgId: feed.orgId } },
    include: { role: true },
  });
  if (!creator || !hasPermission(creator.role.permissions, OPERATIONS.viewExpiryCalendar)) return null;
  return { id: feed.org.id, name: feed.org.name, title: feed.org.title };
}

function toDto(row: { id: string; name: string; createdAt: Date; createdBy: string }): CalendarFeedDto {
  return { id: row.id, name: row.name, created_at: row.createdAt.toISOString(), created_by: row.createdBy };
}
