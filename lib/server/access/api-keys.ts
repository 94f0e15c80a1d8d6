import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import type { Actor } from "@/lib/server/access/actor";
import { hashToken, newToken } from "@/lib/server/access/tokens";

export const API_KEY_PREFIX = "tlsc_";
export const ZApiKeyName = z.string().trim().min(1, "Name is required").max(64, "At most 64 characters");

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The full key is returned once, here; only its hash is stored. */
export async function createApiKey(actor: Actor, name: string): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const key = `${API_KEY_PREFIX}${newToken(32)}`;
  const row = await db().apiKey.create({
    data: { userId: actor.userId, name: ZApiKeyName.parse(name), prefix: key.slice(0, 12), keyHash: hashToken(key) },
  });
  return { key, apiKey: toDto(row) };
}

export async function listApiKeys(actor: Actor): Promise<ApiKeyDto[]> {
  const rows = await db().apiKey.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toDto);
}

export async function revokeApiKey(actor: Actor, id: string): Promise<void> {
  const { count } = await db().apiKey.updateMany({
    where: { id, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No active API key with that id");
}

export async function actorFromApiKey(key: string): Promise<Actor | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await db().apiKey.findUnique({ where: { keyHash: hashToken(key) }, include: { user: true } });
  if (!row || row.revokedAt) return null;
  await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.user.id, email: row.user.email, name: row.user.name, via: "api-key" };
}

function toDto(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
