import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ZCreateApiKey } from "@/lib/auth/api-key-input";
import { db } from "@/lib/server/platform/db";
import { auditAccount } from "@/lib/server/platform/audit";
import type { Actor } from "@/lib/server/access/actor";
import { hashToken, newToken } from "@/lib/server/access/tokens";

export const API_KEY_PREFIX = "tlsc_";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
  /** Worked out when listed, so server and browser render the same words. */
  status: "active" | "revoked" | "expired";
  /** The one organization the key acts in, or null for every organization of its user. */
  org: { name: string; title: string } | null;
}

/** The full key is returned once, here; only its hash is stored. */
export async function createApiKey(
  actor: Actor,
  input: unknown,
  requestId: string,
): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const { name, expires_in_days, org } = ZCreateApiKey.parse(input);
  const orgId = org === null ? null : await ownOrgId(actor, org);
  const key = `${API_KEY_PREFIX}${newToken(32)}`;
  const expiresAt = expires_in_days === null ? null : new Date(Date.now() + expires_in_days * DAY_MS);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { userId: actor.userId, name, prefix: key.slice(0, 12), keyHash: hashToken(key), expiresAt, orgId },
      include: { org: true },
    });
    await auditAccount(
      actor.userId,
      "create",
      {
        email: actor.email,
        via: actor.via,
        requestId,
        target: { type: "api-key", name },
        changes: {
          prefix: { to: created.prefix },
          expires_at: { to: expiresAt?.toISOString() ?? null },
          org: { to: created.org?.name ?? null },
        },
      },
      tx,
    );
    return created;
  });
  return { key, apiKey: toDto(row) };
}

/** A key may only be narrowed to an organization its user belongs to; any other name gets one answer. */
async function ownOrgId(actor: Actor, orgName: string): Promise<string> {
  const membership = await db().membership.findFirst({
    where: { userId: actor.userId, org: { name: orgName } },
    select: { orgId: true },
  });
  if (!membership) {
    throw new AppError("VALIDATION", "Choose one of your organizations.", [
      { field: "org", message: "Choose one of your organizations." },
    ]);
  }
  return membership.orgId;
}

export async function listApiKeys(actor: Actor): Promise<ApiKeyDto[]> {
  const rows = await db().apiKey.findMany({
    where: { userId: actor.userId },
    include: { org: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDto);
}

export async function revokeApiKey(actor: Actor, keyId: unknown, requestId: string): Promise<void> {
  const id = z.string().min(1).max(64).parse(keyId);
  await db().$transaction(async (tx) => {
    const active = { id, userId: actor.userId, revokedAt: null };
    const row = await tx.apiKey.findFirst({ where: active });
    // Counted again on the write: a second revoke racing this one finds nothing left to revoke.
    const { count } = row
      ? await tx.apiKey.updateMany({ where: active, data: { revokedAt: new Date() } })
      : { count: 0 };
    if (!row || count === 0) throw new AppError("NOT_FOUND", "No active API key with that id");
    await auditAccount(
      actor.userId,
      "revoke",
      { email: actor.email, via: actor.via, requestId, target: { type: "api-key", name: row.name }, changes: {} },
      tx,
    );
  });
}

const LAST_USED_PRECISION_MS = 60_000;

/** A revoked, expired or unknown key is no actor at all (401); an organization restriction travels with it. */
export async function actorFromApiKey(key: string): Promise<Actor | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await db().apiKey.findUnique({ where: { keyHash: hashToken(key) }, include: { user: true } });
  if (!row || row.revokedAt || isExpired(row.expiresAt)) return null;
  const now = new Date();
  // "Last used" to the minute: a write on every request would cost each API call a database write for nothing.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    via: "api-key",
    ...(row.orgId ? { onlyOrgId: row.orgId } : {}),
  };
}

function isExpired(expiresAt: Date | null): boolean {
  return expiresAt !== null && expiresAt.getTime() <= Date.now();
}

function toDto(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  org: { name: string; title: string } | null;
}): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : isExpired(row.expiresAt) ? "expired" : "active",
    org: row.org ? { name: row.org.name, title: row.org.title } : null,
  };
}
