import { X509Certificate } from "node:crypto";
import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { clientTlsOptions, serverTlsOptions } from "@/lib/server/profiles/node-tls-options";
import { profileMaterial } from "@/lib/server/profiles/tls-material";
import { completeKeystore, generateKeystore, keystoreCsrPem } from "@/lib/server/stores/keystore-generation";
import {
  duplicateKeystore,
  getKeystore,
  keystoreChoices,
  keystoreSecret,
  listKeystores,
} from "@/lib/server/stores/keystores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { KEY_TYPE_LABELS, KEY_TYPES, type KeyType } from "@/lib/tls/key-request";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { ZStoreListQuery } from "@/lib/tls/store-schema";
import { contextFor } from "../helpers/org-context";
import { inspectCsr, opensslCa, pkcs7Bundle, signCsr } from "../helpers/openssl";
import { buildWorld } from "../helpers/world";

/** Issue 10: keys generated in the console, their CSRs judged by openssl, completion and its refusals. */
let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
const root = opensslCa("Generation Root CA");
const intermediate = opensslCa("Generation Issuing CA", root);
const logged: unknown[] = [];
beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
  for (const level of ["info", "warn", "error", "debug"] as const)
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => void logged.push(args)) as never);
});
afterAll(() => vi.restoreAllMocks());

const request = (key_type: KeyType, extra: Record<string, unknown> = {}) => ({
  key_type,
  subject: { common_name: "localhost", organization: "Acme, Inc.", organizational_unit: "Gateway", country: "de" },
  subject_alt_names: ["DNS:localhost", "IP:127.0.0.1", "email:ops@acme.test", "URI:spiffe://acme.test/gw"],
  usage: "both",
  ...extra,
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = toAppError(
    await p.then(
      () => null,
      (x: unknown) => x,
    ),
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** What must not change when a completion is refused. */
const snapshot = async (id: string) => ({
  keystore: await db().keystore.findUniqueOrThrow({ where: { id } }),
  pending: await db().keystorePending.findUnique({ where: { keystoreId: id } }),
  certificates: await db().certificate.count({ where: { keystoreId: id } }),
  audit: await db().auditEvent.count(),
});

/** A server profile using the keystore, a client trusting `root`: the handshake a gateway would make. */
async function handshakeWith(
  keystoreName: string,
  trusted = root.certPem,
): Promise<{ protocol: string | null; peer: string }> {
  const title = `Served by ${keystoreName}`;
  const profile = await createServerProfile(ctx, {
    title,
    version: "1.0.0",
    protocols: DEFAULT_PROTOCOLS,
    ciphers: DEFAULT_CIPHERS,
    keystore_url: keystoreName,
  });
  const material = await profileMaterial(ctx, "server", profile.name, "1.0.0");
  const srv = createServer(serverTlsOptions(profile, material), (s: TLSSocket) => s.end());
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const client = {
    protocols: DEFAULT_PROTOCOLS,
    ciphers: DEFAULT_CIPHERS,
    insecure_server_connections: false,
    server_name_indication: true,
  };
  return new Promise<{ protocol: string | null; peer: string }>((resolve, reject) => {
    const s = connect({
      ...clientTlsOptions(client, { keystore: null, truststore: { caPems: [trusted] } }, "localhost"),
      host: "127.0.0.1",
      port: (srv.address() as AddressInfo).port,
    });
    s.on("secureConnect", () => {
      resolve({ protocol: s.getProtocol(), peer: s.getPeerCertificate().subject.CN as string });
      s.end();
    });
    s.on("error", reject);
  }).finally(() => srv.close());
}

describe("generated keys", () => {
  it.each(KEY_TYPES)(
    "%s: the CSR verifies with openssl and asks for the subject, SANs and usage; a CA-signed certificate completes it and serves a handshake",
    async (keyType) => {
      const created = await generateKeystore(ctx, { title: `Gen ${keyType}` }, request(keyType));
      expect(created).toMatchObject({
        name: `gen-${keyType}`,
        state: "awaiting_certificate",
        key_type: KEY_TYPE_LABELS[keyType],
        not_after: null,
        sha256_fingerprint: null,
        csr: {
          subject: "C=DE, O=Acme\\, Inc., OU=Gateway, CN=localhost",
          subject_alt_names: ["DNS:localhost", "IP:127.0.0.1", "email:ops@acme.test", "URI:spiffe://acme.test/gw"],
          usage: "both",
          key_type: KEY_TYPE_LABELS[keyType],
        },
      });
      const csr = await keystoreCsrPem(ctx, created.name);
      const { verified, text } = inspectCsr(csr);
      expect(verified).toBe(true);
      expect(text).toMatch(/Subject: C = DE, O = "Acme, Inc\.", OU = Gateway, CN = localhost/);
      expect(text).toMatch(
        /DNS:localhost, IP Address:127\.0\.0\.1, email:ops@acme\.test, URI:spiffe:\/\/acme\.test\/gw/,
      );
      expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
      if (keyType.startsWith("rsa")) expect(text).toContain(`Public-Key: (${keyType.slice(4)} bit)`);

      // Nothing can use it yet: no key to serve, no expiry.
      await expect(keystoreSecret(ctx.org.id, created.id)).rejects.toThrow(/awaiting its certificate/);

      const signed = signCsr(csr, intermediate);
      const done = await completeKeystore(ctx, created.name, {
        files: [{ name: "signed.pem", bytes: Buffer.concat([signed, Buffer.from(intermediate.certPem)]) }],
        allowExpired: false,
      });
      expect(done.state).toBe("active");
      expect(done.csr).toBeUndefined();
      expect(done.certificates!.map((c) => c.subject)).toEqual([
        "C=DE, O=Acme\\, Inc., OU=Gateway, CN=localhost",
        "CN=Generation Issuing CA",
      ]);
      expect(await db().keystorePending.count({ where: { keystoreId: created.id } })).toBe(0);
      expect(await handshakeWith(created.name)).toEqual({ protocol: "TLSv1.3", peer: "localhost" });
    },
    60_000,
  );

  it("self-signed: active at once, with the requested validity, SANs, usage and a key usage fitting the key", async () => {
    const created = await generateKeystore(
      ctx,
      { title: "Self signed" },
      request("ec-p384", { self_signed_days: 30, usage: "server" }),
    );
    expect(created.state).toBe("active");
    expect(created.csr).toBeUndefined();
    const leaf = created.certificates![0];
    expect(leaf).toMatchObject({ self_signed: true, key_type: "EC", key_bits: 384, is_ca: false });
    expect(leaf.subject_alt_names).toContain("DNS:localhost");
    const days = (Date.parse(leaf.not_after) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    // Node names the extended key usage "keyUsage".
    expect(new X509Certificate(leaf.pem).keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(await handshakeWith(created.name, leaf.pem)).toEqual({ protocol: "TLSv1.3", peer: "localhost" });
  });

  it("refuses bad requests at the field, storing nothing", async () => {
    const before = await db().keystore.count();
    const e = await refusal(
      generateKeystore(ctx, { title: "Bad" }, request("ec-p256", { subject_alt_names: ["DNS:bad name", "FTP:x"] })),
    );
    expect(e.fieldErrors.map((f) => f.field)).toEqual(["generate.subject_alt_names.0", "generate.subject_alt_names.1"]);
    const country = await refusal(
      generateKeystore(ctx, { title: "Bad" }, { ...request("ec-p256"), subject: { common_name: "x", country: "DEU" } }),
    );
    expect(country.fieldErrors[0].field).toBe("generate.subject.country");
    expect(await db().keystore.count()).toBe(before);
  });
});

describe("completing a keystore", () => {
  let name: string;
  let id: string;
  let csr: string;
  beforeAll(async () => {
    const created = await generateKeystore(ctx, { title: "Partner mTLS" }, request("ec-p256", { usage: "client" }));
    ({ name, id } = created);
    csr = await keystoreCsrPem(ctx, name);
  });

  const complete = (bytes: Buffer, allowExpired = false) =>
    completeKeystore(ctx, name, { files: [{ name: "upload", bytes }], allowExpired });

  it("refuses a certificate for another key, an expired one and a broken chain at `certificate`, storing nothing", async () => {
    const before = await snapshot(id);
    const other = await generateKeystore(ctx, { title: "Other key" }, request("ec-p256"));
    const foreign = signCsr(await keystoreCsrPem(ctx, other.name), root);
    const expired = signCsr(csr, root, { days: -1 });
    // Signed by the intermediate, but uploaded with the root only: the chain does not connect.
    const broken = Buffer.concat([signCsr(csr, intermediate), Buffer.from(opensslCa("Unrelated CA").certPem)]);
    const cases: [Buffer, RegExp][] = [
      [foreign, /not issued for this keystore's key/],
      [expired, /expired/],
      [broken, /chain is not connected/],
      // A leaf alone, signed by an intermediate: peers would miss it, and a generated key cannot be re-uploaded.
      [signCsr(csr, intermediate), /Add the issuer's certificate \("CN=Generation Issuing CA"\)/],
      [Buffer.from("not a certificate"), /could not be read|neither/],
    ];
    for (const [bytes, message] of cases) {
      const e = await refusal(complete(bytes));
      expect(e.code).toBe("VALIDATION");
      expect(e.fieldErrors[0]).toMatchObject({ field: "certificate", message: expect.stringMatching(message) });
    }
    const after = await snapshot(id);
    expect({ ...after, audit: undefined }).toEqual({ ...before, audit: undefined });
    expect(after.audit).toBe(before.audit + 1); // only the "Other key" creation
  });

  it("a profile cannot use it while it awaits its certificate (UI and REST field keystore_url)", async () => {
    const e = await refusal(
      createServerProfile(ctx, {
        title: "Too early",
        version: "1.0.0",
        protocols: DEFAULT_PROTOCOLS,
        ciphers: DEFAULT_CIPHERS,
        keystore_url: name,
      }),
    );
    expect(e.fieldErrors).toEqual([
      {
        field: "keystore_url",
        message: "Keystore partner-mtls is still awaiting its certificate: upload the signed certificate first.",
      },
    ]);
    const client = await createClientProfile(ctx, {
      title: "Client later",
      version: "1.0.0",
      protocols: DEFAULT_PROTOCOLS,
      ciphers: DEFAULT_CIPHERS,
    });
    expect(client.keystore_url).toBeNull();
    await expect(refusal(duplicateKeystore(ctx, name))).resolves.toMatchObject({ code: "CONFLICT" });
    expect(await keystoreChoices(ctx)).toContainEqual({ name, title: "Partner mTLS", note: "awaiting certificate" });
  });

  it("has no expiry while awaiting: lists show its state, the overview leaves it out, not_after sorts it last", async () => {
    const list = await listKeystores(ctx, ZStoreListQuery.parse({ sort: "not_after", limit: 100 }));
    const last = list.results.filter((k) => k.state === "active").at(-1)!;
    const position = list.results.findIndex((k) => k.name === name);
    expect(position).toBeGreaterThan(list.results.indexOf(last));
    const desc = await listKeystores(ctx, ZStoreListQuery.parse({ sort: "-not_after", limit: 100 }));
    expect(desc.results.at(-1)!.state).toBe("awaiting_certificate");
    const overview = await expiryOverview(ctx, { limit: 100 });
    expect(overview.results.some((r) => r.store_name === name)).toBe(false);
  });

  it("completes with a DER certificate plus a PKCS#7 chain; no key bytes anywhere (DTOs, CSR, logs)", async () => {
    const der = signCsr(csr, intermediate, { outform: "DER" });
    const done = await completeKeystore(ctx, name, {
      files: [
        { name: "leaf.der", bytes: der },
        { name: "chain.p7b", bytes: pkcs7Bundle(intermediate.certPem, root.certPem) },
      ],
      allowExpired: false,
    });
    expect(done).toMatchObject({ state: "active", key_type: "EC P-256" });
    expect(done.certificates!.map((c) => c.subject)).toEqual([
      "C=DE, O=Acme\\, Inc., OU=Gateway, CN=localhost",
      "CN=Generation Issuing CA",
      "CN=Generation Root CA",
    ]);
    expect(done.not_after).not.toBeNull();
    const again = await refusal(complete(der));
    expect(again).toMatchObject({ code: "CONFLICT", fieldErrors: [{ field: "certificate" }] });
    const { keyPem } = await keystoreSecret(ctx.org.id, id);
    const keyBody = keyPem.split("\n")[1].slice(0, 32);
    const texts = [
      JSON.stringify(done),
      JSON.stringify(await getKeystore(ctx, name)),
      JSON.stringify(await listKeystores(ctx, ZStoreListQuery.parse({}))),
      csr,
      JSON.stringify(await db().auditEvent.findMany({ where: { orgId: ctx.org.id } })),
      JSON.stringify(logged),
    ];
    for (const text of texts) {
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(keyBody);
    }
  });
});
