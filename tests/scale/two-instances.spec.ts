import { expect, test, type BrowserContext, type Page, type Request } from "@playwright/test";
import { instanceA, instanceB, PUBLIC_URL, SCALE_OWNER, startInstances, stopInstances } from "./instances";

/**
 * Several console instances on one PostgreSQL database behave as one console (docs/decisions/013): whatever one
 * instance issues or counts, the other honours. Each step acts on one instance and checks on the other.
 */
test.describe.configure({ mode: "serial" });

const LIST = "/api/orgs/sample-org/tls-client-profiles";

let signedIn: BrowserContext;
let page: Page;
let apiKey: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await startInstances(110_000);
  signedIn = await browser.newContext();
  page = await signedIn.newPage();
});

test.afterAll(async () => {
  await signedIn?.close();
  await stopInstances();
});

/**
 * Submits a form that calls a server action and returns what the action answered. The answer is taken on its way
 * to the page (React's flight format, with the ActionResult object in it as JSON) rather than read back from the
 * browser afterwards, which Chromium does not always keep.
 */
async function submitAction(on: Page, submit: () => Promise<void>) {
  let answered: (text: string) => void = () => {};
  const answer = new Promise<string>((resolve) => (answered = resolve));
  const isAction = (request: Request) => request.method() === "POST" && !!request.headers()["next-action"];
  await on.route("**/*", async (route) => {
    if (!isAction(route.request())) return route.fallback();
    const response = await route.fetch();
    answered(await response.text());
    await route.fulfill({ response });
  });
  try {
    await submit();
    const text = await answer;
    const ok = text.match(/"ok":(true|false)/)?.[1];
    if (!ok) throw new Error(`not an action result: ${text.slice(0, 200)}`);
    const message = text.match(/"message":"((?:[^"\\]|\\.)*)"/)?.[1] ?? "";
    return { ok: ok === "true", code: text.match(/"code":"([A-Z_]+)"/)?.[1], message, text };
  } finally {
    await on.unrouteAll({ behavior: "ignoreErrors" });
  }
}

function api(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const unsafe = init.method && init.method !== "GET";
  return fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      // A browser behind the load balancer sends the console's one origin, whichever instance answers.
      ...(unsafe ? { origin: PUBLIC_URL } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function fillSignIn(on: Page, password: string) {
  await on.getByLabel("Email").fill(SCALE_OWNER.email);
  await on.getByLabel("Password", { exact: true }).fill(password);
}

test("a session signed in on A is honoured by B", async () => {
  await page.goto(`${instanceA}/login`);
  await fillSignIn(page, SCALE_OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.port === new URL(instanceA).port && !url.pathname.startsWith("/login"));

  const cookie = (await signedIn.cookies(instanceA)).map((c) => `${c.name}=${c.value}`).join("; ");
  expect(cookie).not.toBe("");
  expect((await api(instanceB, LIST)).status).toBe(401);
  const onB = await api(instanceB, LIST, { headers: { cookie } });
  expect(onB.status).toBe(200);
  expect(await onB.json()).toHaveProperty("total_results");

  // The same browser on B's pages: signed in, not sent to B's sign-in page.
  await page.goto(`${instanceB}/orgs/sample-org/tls-client-profiles`);
  await expect(page).toHaveURL(`${instanceB}/orgs/sample-org/tls-client-profiles`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an API key created on A is honoured by B", async () => {
  await page.goto(`${instanceA}/account/api-keys`);
  await page.getByLabel("Key name").fill("scale-out");
  const created = await submitAction(page, () => page.getByRole("button", { name: "Create key" }).click());
  expect(created.ok).toBe(true);
  // Read from the action's answer: showing it on the page is the end-to-end suite's concern, not this one's.
  apiKey = created.text.match(/tlsc_[A-Za-z0-9_-]+/)?.[0] ?? "";
  expect(apiKey).not.toBe("");

  const onB = await api(instanceB, LIST, { headers: bearer(apiKey) });
  expect(onB.status).toBe(200);
  expect((await api(instanceB, LIST, { headers: bearer(`${apiKey}x`) })).status).toBe(401);
});

test("an edit through B makes A refuse a stale edit, and both serve the same profile", async () => {
  const key = bearer(apiKey);
  const body = {
    title: "Scale-out check",
    version: "1.0.0",
    protocols: ["tls_v1.2", "tls_v1.3"],
    ciphers: ["ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
  };
  const created = await api(instanceA, LIST, { method: "POST", headers: key, body });
  expect(created.status).toBe(201);
  const { name } = await created.json();
  const one = `${LIST}/${name}/1.0.0`;

  const readOnA = await api(instanceA, one, { headers: key });
  expect(readOnA.status).toBe(200);
  const etagOnA = readOnA.headers.get("etag") ?? "";
  expect(etagOnA).not.toBe("");

  const editOnB = await api(instanceB, one, {
    method: "PATCH",
    headers: { ...key, "if-match": etagOnA },
    body: { summary: "edited through B" },
  });
  expect(editOnB.status).toBe(200);
  expect(editOnB.headers.get("etag")).not.toBe(etagOnA);

  const staleOnA = await api(instanceA, one, {
    method: "PATCH",
    headers: { ...key, "if-match": etagOnA },
    body: { summary: "lost edit through A" },
  });
  expect(staleOnA.status).toBe(409);
  expect((await staleOnA.json()).message).toContain("changed by");

  const [onA, onB] = await Promise.all([
    api(instanceA, one, { headers: key }).then((r) => r.json()),
    api(instanceB, one, { headers: key }).then((r) => r.json()),
  ]);
  expect(onA.summary).toBe("edited through B");
  expect(onB).toEqual(onA);
  expect(onA.url.startsWith(PUBLIC_URL)).toBe(true);
});

test("a private key sealed by one process is opened by the others: one MASTER_KEY", async () => {
  const duplicate = (base: string, name: string) =>
    api(base, `/api/orgs/admin/keystores/${name}/duplicate`, { method: "POST", headers: bearer(apiKey) });
  // The installation's default keystore was sealed by the seed; duplicating opens its key and seals it again.
  const onB = await duplicate(instanceB, "tls-server-keystore-default");
  expect(onB.status).toBe(201);
  const sealedByB = (await onB.json()).name;
  expect((await duplicate(instanceA, sealedByB)).status).toBe(201);
});

/** The wait a sign-in refusal names ("… in 8 seconds", "… 15 minutes …"); one that names none counts as long. */
function waitNamedIn(message: string): number {
  const [, amount, unit] = message.match(/(\d+) (second|minute)/) ?? [];
  return amount ? Number(amount) * (unit === "minute" ? 60_000 : 1_000) : Infinity;
}

// Long enough that B is asked well before A's refusal ends, even on a busy machine.
const LONG_REFUSAL_MS = 6_000;

// Last: it leaves the owner's sign-in limited for a while.
test("sign-in failures counted on A make B refuse even the right password", async ({ browser }) => {
  test.setTimeout(120_000);
  const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
    await Promise.all([pageA.goto(`${instanceA}/login`), pageB.goto(`${instanceB}/login`)]);
    const signInA = pageA.getByRole("button", { name: "Sign in" });
    const signInB = pageB.getByRole("button", { name: "Sign in" });

    // The control: before any failure, B accepts the right password.
    await fillSignIn(pageB, SCALE_OWNER.password);
    expect(await submitAction(pageB, () => signInB.click())).toMatchObject({ ok: true });
    await contextB.clearCookies();
    // B's form waits filled in, so its attempt follows A's refusal within moments.
    await pageB.goto(`${instanceB}/login`);
    await fillSignIn(pageB, SCALE_OWNER.password);

    // Fail on A until A refuses for a while. A back-off may start short: sitting out a short refusal lets the next
    // failure lengthen it. Bounded well above any limit the console sets, without depending on its numbers.
    let failures = 0;
    let refusalMs = 0;
    for (let attempt = 0; attempt < 40 && refusalMs < LONG_REFUSAL_MS; attempt++) {
      await fillSignIn(pageA, `wrong-password-${attempt}`);
      await expect(signInA).toBeEnabled();
      const onA = await submitAction(pageA, () => signInA.click());
      expect(onA.ok).toBe(false);
      if (onA.code === "UNAUTHENTICATED") {
        failures++;
        continue;
      }
      expect(onA.code).toBe("RATE_LIMITED");
      refusalMs = waitNamedIn(onA.message);
      if (refusalMs < LONG_REFUSAL_MS) await new Promise((resolve) => setTimeout(resolve, refusalMs + 500));
    }
    expect(failures).toBeGreaterThan(0);
    expect(refusalMs, "instance A never refused for long").toBeGreaterThanOrEqual(LONG_REFUSAL_MS);

    const onB = await submitAction(pageB, () => signInB.click());
    expect(onB).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // Next's route announcer and Carbon's input counters are empty alerts; the refusal is the one with words.
    await expect(pageB.getByRole("alert").filter({ hasText: /\w/ })).toBeVisible();
    await expect(pageB).toHaveURL(`${instanceB}/login`);
    expect(await contextB.cookies(instanceB)).toEqual([]);
  } finally {
    await Promise.all([contextA.close(), contextB.close()]);
  }
});
