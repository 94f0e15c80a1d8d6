import { describe, expect, it } from "vitest";
import { parseStoreRef } from "./store-ref";

describe("parseStoreRef", () => {
  it("reads the organization and name of a reference URL, decoding escapes", () => {
    expect(parseStoreRef("keystore", "https://c.example/api/orgs/my%2Dorg/keystores/gw%2Dks")).toEqual({
      org: "my-org",
      name: "gw-ks",
    });
    expect(parseStoreRef("truststore", "partners")).toEqual({ name: "partners" });
  });

  it("keeps a URL with a malformed escape whole instead of throwing", () => {
    for (const ref of [
      "https://c.example/api/orgs/sample-org/keystores/%E0%A4%A",
      "https://c.example/api/orgs/%zz/truststores/x",
    ])
      expect(parseStoreRef(ref.includes("keystores") ? "keystore" : "truststore", ref)).toEqual({ name: ref });
  });
});
