"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { safeAction } from "@/lib/server/faces/action";
import { deleteSession } from "@/lib/server/access/sessions";
import { signIn } from "@/lib/server/access/sign-in";
import { SESSION_COOKIE } from "@/lib/server/platform/config";

async function clientMeta() {
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
  const secure = (h.get("x-forwarded-proto") ?? "").startsWith("https") || process.env.PUBLIC_URL?.startsWith("https:");
  return { ip, userAgent: h.get("user-agent") ?? undefined, secure: !!secure };
}

export async function signInAction(values: { email: string; password: string }): Promise<ActionResult<null>> {
  return safeAction("signIn", async () => {
    const { ip, userAgent, secure } = await clientMeta();
    const session = await signIn(values, { ip, userAgent });
    (await cookies()).set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      expires: session.expiresAt,
    });
    return null;
  });
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await deleteSession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
