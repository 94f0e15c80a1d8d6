import "server-only";
import { db } from "@/lib/server/platform/db";
import { SESSION_TTL_MS, sessionIdleMs } from "@/lib/server/platform/config";
import type { Actor } from "@/lib/server/access/actor";
import { hashToken, newToken } from "@/lib/server/access/tokens";

/** How stale lastSeenAt may be before a request writes it again: one write a minute, not one per request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Sessions live in the database; the cookie holds a random token whose hash is the lookup key. */
export async function createSession(userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({
    data: { userId, tokenHash: hashToken(token), expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 256) },
  });
  return { token, expiresAt };
}

/** A session past its absolute expiry or idle longer than SESSION_IDLE_MINUTES authenticates nobody. */
export async function actorFromSessionToken(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now) return null;
  if (session.lastSeenAt.getTime() + sessionIdleMs() <= now) return null;
  if (now - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so concurrent requests (on any instance) write it once.
    await db().session.updateMany({
      where: { id: session.id, lastSeenAt: { lte: new Date(now - LAST_SEEN_RESOLUTION_MS) } },
      data: { lastSeenAt: new Date(now) },
    });
  }
  return { userId: session.user.id, email: session.user.email, name: session.user.name, via: "session" };
}

/** Ends one session; returns whose it was (for the audit), or null when the token matched none. */
export async function deleteSession(token: string | undefined): Promise<{ userId: string; email: string } | null> {
  if (!token) return null;
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session) return null;
  await db().session.deleteMany({ where: { id: session.id } });
  return { userId: session.userId, email: session.user.email };
}

/** Sessions past their expiry or idle timeout; any instance may run it, any number of times. */
export async function purgeEndedSessions(now = Date.now()): Promise<void> {
  await db().session.deleteMany({
    where: { OR: [{ expiresAt: { lte: new Date(now) } }, { lastSeenAt: { lte: new Date(now - sessionIdleMs()) } }] },
  });
}

type Client = Pick<ReturnType<typeof db>, "session">;

/** Ends every session of a user except the one holding `keepToken` (none kept when it is undefined). */
export async function endSessionsOfUser(userId: string, keepToken?: string, client: Client = db()): Promise<void> {
  await client.session.deleteMany({
    where: { userId, ...(keepToken ? { tokenHash: { not: hashToken(keepToken) } } : {}) },
  });
}
