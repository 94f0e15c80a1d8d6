import "server-only";
import { cookies, headers } from "next/headers";
import { GENERIC_MESSAGE, type ActionResult } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requireOrg, type OrgContext } from "@/lib/server/access/require-org";
import type { Actor } from "@/lib/server/access/actor";
import { actorFromSessionToken } from "@/lib/server/access/sessions";
import { SESSION_COOKIE } from "@/lib/server/platform/config";
import { logger } from "@/lib/server/platform/logger";
import { requestIdFrom } from "@/lib/server/platform/request-id";
import { toAppError } from "@/lib/server/platform/to-app-error";

export async function currentActor(): Promise<Actor | null> {
  return actorFromSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
}

export async function currentRequestId(): Promise<string> {
  return requestIdFrom(await headers());
}

/**
 * Every server action is a public POST endpoint, so each one runs through here: the session is read, the
 * permission in the named organization checked, and only expected errors reach the user.
 */
export async function orgAction<T>(
  name: string,
  orgName: string,
  permission: Permission,
  body: (ctx: OrgContext) => Promise<T>,
): Promise<ActionResult<T>> {
  return safeAction(name, async (requestId) =>
    body(await requireOrg(await currentActor(), orgName, permission, requestId)),
  );
}

/** For actions that are not about an organization (API keys, sign-out): the body checks what it needs. */
export async function safeAction<T>(name: string, body: (requestId: string) => Promise<T>): Promise<ActionResult<T>> {
  const requestId = await currentRequestId();
  try {
    return { ok: true, data: await body(requestId) };
  } catch (e) {
    const known = toAppError(e);
    if (known) return { ok: false, code: known.code, message: known.message, fieldErrors: known.fieldErrors };
    logger.error({ err: e, requestId, action: name }, "unexpected error in server action");
    return { ok: false, code: "INTERNAL", message: GENERIC_MESSAGE, fieldErrors: [], requestId };
  }
}
