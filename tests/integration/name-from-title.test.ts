import { beforeAll, describe, expect, it } from "vitest";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createTruststore } from "@/lib/server/stores/truststores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

const PROFILE = { version: "1.0.0", protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS };

let ctx: Awaited<ReturnType<typeof contextFor>>;
let keystoreName: string;
beforeAll(async () => {
  ctx = await contextFor(await buildWorld());
  keystoreName = (await createKeystore(ctx, { title: "Server key" }, keystoreUpload(leaf("srv.test")))).name;
});

/** One rule for all four resources: a name left out or empty follows from the title. */
const NAMES = [
  ["left out", {}],
  ["empty", { name: "" }],
  ["blank", { name: "   " }],
] as const;

describe.each(NAMES)("a name %s is derived from the title", (label, name) => {
  const suffix = label.replace(" ", "-");
  it("for a TLS client profile", async () => {
    const p = await createClientProfile(ctx, { ...PROFILE, ...name, title: `Client ${suffix}` });
    expect(p.name).toBe(`client-${suffix}`);
  });

  it("for a TLS server profile", async () => {
    const p = await createServerProfile(ctx, {
      ...PROFILE,
      ...name,
      title: `Server ${suffix}`,
      keystore_url: keystoreName,
    });
    expect(p.name).toBe(`server-${suffix}`);
  });

  it("for a keystore", async () => {
    const k = await createKeystore(ctx, { ...name, title: `Keystore ${suffix}` }, keystoreUpload(leaf("k.test")));
    expect(k.name).toBe(`keystore-${suffix}`);
  });

  it("for a truststore", async () => {
    const t = await createTruststore(ctx, { ...name, title: `Truststore ${suffix}` }, pemUpload(testCa.certPem));
    expect(t.name).toBe(`truststore-${suffix}`);
  });
});
