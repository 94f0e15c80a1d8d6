import { beforeAll, describe, expect, it } from "vitest";
import * as clientProfiles from "@/app/api/orgs/[org]/tls-client-profiles/route";
import { createRoleAction } from "@/app/actions/members";
import { createClientProfileAction } from "@/app/actions/tls-client-profiles";
import { ctx, request, type Auth } from "../helpers/http";
import { actAs } from "../helpers/request-state";
import { dbSnapshot } from "../helpers/snapshot";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let owner: Auth;
beforeAll(async () => {
  world = await buildWorld();
  owner = { bearer: world.users.owner.apiKey };
});
const profile = (title: string) => ({
  title,
  version: "1.0.0",
  protocols: ["tls_v1.3"],
  ciphers: ["TLS_AES_256_GCM_SHA384"],
});

// PostgreSQL text cannot hold U+0000; both databases must answer the same typed refusal, never a 500.
describe("the NUL character in input", () => {
  it("is refused at the field of a REST body, and nothing is stored", async () => {
    const before = await dbSnapshot();
    const res = await clientProfiles.POST(
      request("POST", "/x", owner, profile("nul\u0000title")),
      ctx({ org: world.org }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: "title", message: expect.stringContaining("NUL") }]);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("in a search or an organization name answers 4xx", async () => {
    const search = await clientProfiles.GET(request("GET", "/x?q=%00", owner), ctx({ org: world.org }));
    expect(search.status).toBe(400);
    const org = await clientProfiles.GET(request("GET", "/x", owner), ctx({ org: "\u0000" }));
    expect(org.status).toBe(403);
  });

  // SQLite stores the character; PostgreSQL refuses it, and that refusal must be typed and store nothing.
  it("in a server action's text is never an internal error", async () => {
    actAs(world.users.owner.session);
    const before = await dbSnapshot();
    const result = await createRoleAction(world.org, {
      title: "nul\u0000role",
      name: "nul-role",
      permissions: ["settings:view"],
    });
    expect(result).not.toMatchObject({ code: "INTERNAL" });
    if (!result.ok) expect(await dbSnapshot()).toEqual(before);
  });
});

// JSON.parse takes any depth; a walk over the parsed body must not overflow the stack into a 500.
describe("a deeply nested JSON body", () => {
  it("is a 400 that names the problem, and nothing is stored", async () => {
    const before = await dbSnapshot();
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const res = await clientProfiles.POST(request("POST", "/x", owner, deep), ctx({ org: world.org }));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/nested/);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("at an ordinary depth is read as before", async () => {
    const res = await clientProfiles.POST(
      request("POST", "/x", owner, { ...profile("Nested ok"), extra: [[[["x"]]]] }),
      ctx({ org: world.org }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(/extra/);
  });
});

describe("server action arguments of the wrong type", () => {
  it("an organization given as an object is an organization this actor cannot use", async () => {
    actAs(world.users.owner.session);
    const before = await dbSnapshot();
    const result = await createClientProfileAction({ not: "x" } as unknown as string, profile("Filtered"));
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await dbSnapshot()).toEqual(before);
  });
});
