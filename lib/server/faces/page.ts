import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requireOrg, type OrgContext } from "@/lib/server/access/require-org";
import { currentActor, currentRequestId } from "@/lib/server/faces/action";
import type { Actor } from "@/lib/server/access/actor";
import { decodePercent } from "@/lib/tls/percent";

/** Pages: no session → sign-in page. */
export async function pageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** Pages: the same gate as actions and routes; a refusal renders the 403 page with a 403 status. */
export async function pageOrg(orgName: string, permission: Permission): Promise<OrgContext> {
  const actor = await pageActor();
  try {
    return await requireOrg(actor, orgName, permission, await currentRequestId());
  } catch (e) {
    if (e instanceof AppError && e.code === "FORBIDDEN") forbidden();
    throw e;
  }
}

/** Pages: a lookup that finds nothing renders the 404 page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

/** Pages: a path segment Next left percent-encoded; a malformed escape names nothing, so it renders the 404 page. */
export function decodedParam(segment: string): string {
  return decodePercent(segment) ?? notFound();
}
