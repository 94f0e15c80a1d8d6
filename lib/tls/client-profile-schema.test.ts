import { describe, expect, it } from "vitest";
import {
  CLIENT_PROFILE_DEFAULTS,
  ZClientProfileCreate,
  ZClientProfileInput,
  ZClientProfilePatch,
} from "./client-profile-schema";

const valid = { ...CLIENT_PROFILE_DEFAULTS, title: "Acme", name: "acme" };
const issues = (input: unknown) => ZClientProfileInput.safeParse(input).error?.issues ?? [];

describe("client profile schema", () => {
  it("accepts the defaults with a title and name", () => {
    expect(ZClientProfileInput.parse(valid)).toMatchObject({ title: "Acme", protocols: ["tls_v1.2", "tls_v1.3"] });
  });

  it("fills defaults for optional fields", () => {
    const { summary, insecure_server_connections, server_name_indication, ...rest } = valid;
    void summary;
    void insecure_server_connections;
    void server_name_indication;
    expect(ZClientProfileInput.parse(rest)).toMatchObject({
      summary: "",
      insecure_server_connections: false,
      server_name_indication: true,
    });
  });

  it.each([
    [{ title: "" }, "title"],
    [{ name: "Bad Name" }, "name"],
    [{ name: "-x" }, "name"],
    [{ version: "" }, "version"],
    [{ version: "1.0/0" }, "version"],
    [{ protocols: [] }, "protocols"],
    [{ protocols: ["tls_v1.2", "tls_v1.2"] }, "protocols"],
    [{ ciphers: [] }, "ciphers"],
    [{ insecure_server_connections: "yes" }, "insecure_server_connections"],
  ])("rejects %j at %s", (change, field) => {
    expect(issues({ ...valid, ...change }).map((i) => i.path[0])).toContain(field);
  });

  it("lists the allowed values for an unknown protocol or cipher", () => {
    const [p] = issues({ ...valid, protocols: ["ssl_v3"] });
    expect(p.message).toContain("tls_v1.0, tls_v1.1, tls_v1.2, tls_v1.3");
    const [c] = issues({ ...valid, ciphers: ["NULL_WITH_NULL_NULL"] });
    expect(c.message).toContain("ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  });

  it("refuses TLS 1.2 with only TLS 1.3 ciphers, at the ciphers field", () => {
    const list = issues({ ...valid, protocols: ["tls_v1.2", "tls_v1.3"], ciphers: ["TLS_AES_128_GCM_SHA256"] });
    expect(list).toHaveLength(1);
    expect(list[0].path).toEqual(["ciphers"]);
  });

  it("refuses a list longer than the catalogue at once, with one issue, without judging each entry", () => {
    // A 5 MB body holds ~2.5 million entries: one issue per bad entry took seconds of CPU and a response of
    // hundreds of megabytes.
    const huge = Array.from({ length: 100_000 }, () => 1);
    for (const field of ["protocols", "ciphers"]) {
      const list = issues({ ...valid, [field]: huge });
      expect(list.map((i) => i.path.join("."))).toEqual([field]);
      expect(ZClientProfilePatch.safeParse({ [field]: huge }).error?.issues).toHaveLength(1);
    }
  });

  it("rejects unknown fields instead of dropping them", () => {
    expect(issues({ ...valid, cipher: ["x"] })[0].code).toBe("unrecognized_keys");
  });

  it("derives the name from the title on create when it is left out", () => {
    const { name, ...rest } = valid;
    void name;
    expect(ZClientProfileCreate.parse({ ...rest, title: "acme TLS Client Profile" }).name).toBe(
      "acme-tls-client-profile",
    );
  });

  it("patch applies no defaults", () => {
    expect(ZClientProfilePatch.parse({ title: "x" })).toEqual({ title: "x" });
  });
});
