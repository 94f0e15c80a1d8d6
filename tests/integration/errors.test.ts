import { beforeAll, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/orgs/[org]/tls-client-profiles/route";
import { createClientProfileAction } from "@/app/actions/tls-client-profiles";
import { GENERIC_MESSAGE } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";
import { ctx, request } from "../helpers/http";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

const body = { title: "Boom", version: "1.0.0", protocols: ["tls_v1.3"], ciphers: ["TLS_AES_256_GCM_SHA384"] };

describe("unexpected errors", () => {
  it("are logged with a request id and shown generically by actions and routes", async () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const boom = vi.spyOn(db(), "$transaction").mockRejectedValue(new Error("disk on fire: secret detail"));
    try {
      actAs(world.users.owner.session);
      const result = await createClientProfileAction(world.org, body);
      expect(result).toEqual({
        ok: false,
        code: "INTERNAL",
        message: GENERIC_MESSAGE,
        fieldErrors: [],
        requestId: "test-request-0001",
      });

      const res = await collection.POST(
        request("POST", "/x", { bearer: world.users.owner.apiKey }, body, { "x-request-id": "req-12345678" }),
        ctx({ org: world.org }),
      );
      expect(res.status).toBe(500);
      // The REST face names each request itself; a client-sent id is not believed.
      const requestId = res.headers.get("x-request-id") ?? "";
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const json = await res.json();
      expect(json.message).toContain(requestId);
      expect(json.message).not.toContain("disk on fire");
      expect(log).toHaveBeenCalledWith(expect.objectContaining({ requestId }), expect.any(String));
    } finally {
      boom.mockRestore();
      log.mockRestore();
    }
  });

  it("the logger redacts secrets whatever the caller passes", async () => {
    const lines: string[] = [];
    const { default: pino } = await import("pino");
    const { REDACT_PATHS } = await import("@/lib/server/platform/logger");
    const l = pino({ redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, { write: (s: string) => lines.push(s) });
    l.info(
      { password: "hunter2", headers: { authorization: "Bearer tlsc_x", cookie: "s=1" }, user: { token: "t" } },
      "x",
    );
    expect(lines.join("")).not.toMatch(/hunter2|tlsc_x|s=1|"t"/);
  });
});
