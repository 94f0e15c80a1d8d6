import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { changeOwnPassword, signOutEverywhere } from "@/lib/server/access/account-password";
import { hashPassword } from "@/lib/server/access/password";
import { actorFromSessionToken, createSession } from "@/lib/server/access/sessions";
import { SIGN_IN_LIMITS } from "@/lib/server/access/rate-limit";
import { signIn } from "@/lib/server/access/sign-in";
import { db } from "@/lib/server/platform/db";

const OLD = "the old password here";
const NEW = "a brand new password";

async function personWithSessions(count: number) {
  const email = `self-${randomBytes(4).toString("hex")}@example.com`;
  const user = await db().user.create({ data: { email, name: "Self", passwordHash: await hashPassword(OLD) } });
  const tokens = await Promise.all(Array.from({ length: count }, async () => (await createSession(user.id, {})).token));
  return { actor: { userId: user.id, email, name: "Self", via: "session" as const }, tokens };
}
const alive = async (tokens: string[]) => Promise.all(tokens.map(async (t) => !!(await actorFromSessionToken(t))));

describe("own password and sessions", () => {
  it("needs the current password; nothing changes when it is wrong", async () => {
    const { actor, tokens } = await personWithSessions(2);
    const refused = await changeOwnPassword(
      actor,
      tokens[0]!,
      { currentPassword: "wrong", newPassword: NEW },
      "r",
    ).then(
      () => expect.fail("expected a refusal"),
      (e: unknown) => e as AppError,
    );
    expect(refused).toMatchObject({ code: "VALIDATION", fieldErrors: [{ field: "currentPassword" }] });
    expect(await alive(tokens)).toEqual([true, true]);
    await expect(signIn({ email: actor.email, password: OLD }, { ip: "10.30.0.1" })).resolves.toBeTruthy();
  });

  it("guessing the current password from a held session meets the sign-in back-off", async () => {
    const { actor, tokens } = await personWithSessions(1);
    const attempt = (currentPassword: string) =>
      changeOwnPassword(actor, tokens[0]!, { currentPassword, newPassword: NEW }, "r").then(
        () => "changed",
        (e: AppError) => e.code,
      );
    const guesses = [];
    for (let i = 0; i < SIGN_IN_LIMITS.pair.free; i++) guesses.push(await attempt(`guess-${i}`));
    expect(guesses.every((code) => code === "VALIDATION")).toBe(true);
    // Past the free attempts even the right password waits: the answer does not tell a guess from the truth.
    expect(await attempt(OLD)).toBe("RATE_LIMITED");
  });

  it("changes the password, keeps this session, ends the others and audits without the password", async () => {
    const { actor, tokens } = await personWithSessions(3);
    await changeOwnPassword(actor, tokens[1]!, { currentPassword: OLD, newPassword: NEW }, "req-pw");
    expect(await alive(tokens)).toEqual([false, true, false]);
    await expect(signIn({ email: actor.email, password: NEW }, { ip: "10.30.0.2" })).resolves.toBeTruthy();
    await expect(signIn({ email: actor.email, password: OLD }, { ip: "10.30.0.3" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const record = await db().auditEvent.findFirstOrThrow({
      where: { action: "change-password", actorId: actor.userId },
    });
    expect(record).toMatchObject({ orgId: null, targetType: "account", requestId: "req-pw" });
    expect(JSON.stringify(record)).not.toContain(NEW);
  });

  it("refuses a new password under 12 characters at its field", async () => {
    const { actor, tokens } = await personWithSessions(1);
    await expect(
      changeOwnPassword(actor, tokens[0]!, { currentPassword: OLD, newPassword: "short" }, "r"),
    ).rejects.toThrow();
    await expect(signIn({ email: actor.email, password: OLD }, { ip: "10.30.0.4" })).resolves.toBeTruthy();
  });

  it("refuses a change made with an API key", async () => {
    const { actor, tokens } = await personWithSessions(1);
    await expect(
      changeOwnPassword({ ...actor, via: "api-key" }, tokens[0]!, { currentPassword: OLD, newPassword: NEW }, "r"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("signs out everywhere: every session of the person ends, nobody else's", async () => {
    const { actor, tokens } = await personWithSessions(3);
    const bystander = await personWithSessions(1);
    await signOutEverywhere(actor, "req-out");
    expect(await alive(tokens)).toEqual([false, false, false]);
    expect(await alive(bystander.tokens)).toEqual([true]);
    expect(await db().auditEvent.count({ where: { action: "sign-out-everywhere", actorId: actor.userId } })).toBe(1);
  });
});
