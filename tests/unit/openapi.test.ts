import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

/** Every route file under app/api/orgs, as an OpenAPI path with its methods. */
function routes(
  dir = path.resolve("app/api/orgs/[org]"),
  prefix = "/api/orgs/{org}",
  only?: string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of readdirSync(dir).filter((e) => !only || only.includes(e))) {
    const full = path.join(dir, entry);
    if (!statSync(full).isDirectory()) continue;
    const segment = entry.replace(/^\[(.+)\]$/, "{$1}");
    const route = path.join(full, "route.ts");
    if (readdirSync(full).includes("route.ts")) {
      const source = readFileSync(route, "utf8");
      out[`${prefix}/${segment}`] = [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) =>
        m[1].toLowerCase(),
      );
    }
    Object.assign(out, routes(full, `${prefix}/${segment}`));
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");
  const paths: Record<string, object> = doc.paths;

  it("describes every REST route and method the app serves", () => {
    // Besides the organization routes: metrics and the TLS presets (the OpenAPI document itself is not described).
    const served = { ...routes(), ...routes(path.resolve("app/api"), "/api", ["metrics", "tls-presets"]) };
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(served).sort());
    for (const [p, methods] of Object.entries(served))
      expect(Object.keys(paths[p]).sort(), p).toEqual([...methods].sort());
  });

  it("takes field rules from the zod schemas", () => {
    const input = doc.components.schemas.TlsClientProfileInput as {
      properties: Record<string, { items?: { enum?: string[] } }>;
      required: string[];
    };
    expect(input.properties.protocols.items?.enum).toEqual(["tls_v1.0", "tls_v1.1", "tls_v1.2", "tls_v1.3"]);
    expect(input.properties.ciphers.items?.enum).toHaveLength(40);
    expect(input.required).toEqual(expect.arrayContaining(["title", "name", "version"]));
    // A preset may stand for protocols and ciphers, so they are not required on their own.
    expect(input.required).not.toContain("protocols");
    expect(Object.keys(input.properties)).toContain("preset");
    const server = doc.components.schemas.TlsServerProfileInput as { properties: Record<string, { enum?: string[] }> };
    expect(server.properties.mutual_authentication.enum).toEqual(["none", "request", "require"]);
    expect(JSON.stringify(doc.components.schemas.Keystore)).not.toMatch(/private_key|keyCiphertext/);
  });
});
