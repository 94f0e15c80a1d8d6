import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");
  it("describes every client-profile operation", () => {
    expect(Object.keys(doc.paths)).toEqual([
      "/api/orgs/{org}/tls-client-profiles",
      "/api/orgs/{org}/tls-client-profiles/{name}",
      "/api/orgs/{org}/tls-client-profiles/{name}/{version}",
    ]);
    expect(Object.keys(doc.paths["/api/orgs/{org}/tls-client-profiles/{name}/{version}"])).toEqual([
      "get",
      "patch",
      "delete",
    ]);
  });
  it("takes field rules from the zod schema", () => {
    const input = doc.components.schemas.TlsClientProfileInput as {
      properties: Record<string, { items?: { enum?: string[] } }>;
      required: string[];
    };
    expect(input.properties.protocols.items?.enum).toEqual(["tls_v1.0", "tls_v1.1", "tls_v1.2", "tls_v1.3"]);
    expect(input.properties.ciphers.items?.enum).toHaveLength(40);
    expect(input.required).toEqual(expect.arrayContaining(["title", "name", "version", "protocols", "ciphers"]));
  });
});
