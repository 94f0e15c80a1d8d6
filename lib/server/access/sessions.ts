import "server-only";
import { db } from "@/lib/server/platform/db";
import { SESSION_TTL_MS } from "@/lib/server/platform/config";
import type { Actor } from "@/lib/server/access/actor";
import { hashToken, newToken } from "@/lib/server/access/tokens";

/** Sessions live in the database; the cookie holds a random token whose hash is the lookup key. */
export async function createSession(userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({
    data: { userId, tokenHash: hashToken(token), expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 256) },
  });
  return { token, expiresAt };
}

export async function actorFromSessionToken(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name, via: "session" };
}

export async function deleteSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db().session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

type Client = Pick<ReturnType<typeof db>, "session">;

/** Ends every session of a user except the one holding `keepToken` (none kept when it is undefined). */
export async function endSessionsOfUser(userId: string, keepToken?: string, client: Client = db()): Promise<void> {
  await client.session.deleteMany({
    where: { userId, ...(keepToken ? { tokenHash: { not: hashToken(keepToken) } } : {}) },
  });
}
