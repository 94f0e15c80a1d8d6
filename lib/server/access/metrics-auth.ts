import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import { actorFromApiKey } from "@/lib/server/access/api-keys";
import { ADMIN_ORG } from "@/lib/server/access/orgs";
import { db } from "@/lib/server/platform/db";

/** Metrics span every organization, so only the installation's own administrators may read them (ADR 021). */
const SCRAPER_ROLES: readonly string[] = ["owner", "administrator"];

/**
 * Lets a scrape through, or throws: 401 without a credential or with one that names nobody, 403 for a valid API key
 * of anyone but an owner or administrator of the admin organization (Cloud Manager). A scraper sends either
 * `METRICS_TOKEN` (compared in constant time) or such an API key; a browser session is not accepted.
 */
export async function authorizeScrape(authorization: string | null, metricsToken = process.env.METRICS_TOKEN) {
  const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!presented) throw unauthenticated();
  if (metricsToken && sameSecret(presented, metricsToken)) return;
  const actor = await actorFromApiKey(presented);
  if (!actor) throw unauthenticated();
  const membership = await db().membership.findFirst({
    where: { userId: actor.userId, org: { name: ADMIN_ORG.name, type: ADMIN_ORG.type } },
    include: { role: true },
  });
  const allowed =
    membership &&
    SCRAPER_ROLES.includes(membership.role.name) &&
    (!actor.onlyOrgId || actor.onlyOrgId === membership.orgId);
  if (!allowed)
    throw new AppError("FORBIDDEN", "Metrics are for owners and administrators of the Cloud Manager organization.");
}

/** Hashing first gives both sides one length, so the comparison takes the same time whatever was sent. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", "Send Authorization: Bearer with METRICS_TOKEN or an administrator's API key.");
