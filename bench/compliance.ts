/**
 * The TLS policy preview (ADR 027) at 100 and at 10,000 objects: its p50 with a strict policy and with the open one,
 * and the longest event-loop stall while it runs (the preview runs on the request thread, and any viewer may ask for
 * it). In process, against the bench database, before the server starts.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseCertificate } from "@/lib/crypto/certificate";
import { readPem } from "@/lib/crypto/pem";
import { issue } from "@/lib/crypto/pki";
import { createOrganization } from "@/lib/server/access/orgs";
import { systemContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { previewPolicy } from "@/lib/server/policy/compliance";
import { toColumns } from "@/lib/server/profiles/client-profiles";
import { CIPHERS, DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { CLIENT_PROFILE_DEFAULTS } from "@/lib/tls/client-profile-schema";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { SERVER_PROFILE_DEFAULTS } from "@/lib/tls/server-profile-schema";

const STRICT = {
  minimum_protocol: "tls_v1.2",
  forbidden_suite_classes: ["cbc-sha1", "3des"],
  minimum_rsa_bits: 3072,
  maximum_certificate_days: 398,
  require_extended_key_usage: true,
  forbid_insecure_server_connections: true,
  forbid_sni_off: true,
};

const PROTOCOLS: TlsProtocol[][] = [
  ["tls_v1.2", "tls_v1.3"],
  ["tls_v1.3"],
  ["tls_v1.1", "tls_v1.2"],
  ["tls_v1.0", "tls_v1.1", "tls_v1.2", "tls_v1.3"],
  ["tls_v1.2"],
];
const ALL = CIPHERS.map((c) => c.name);
const CIPHER_SETS = [DEFAULT_CIPHERS, ALL, ALL.slice(0, 12), ALL.slice(-15)];

/**
 * Keystores written as rows (leaf and CA, real certificates: the preview parses the leaves' extended key usage),
 * without key material, which the preview never reads; then client profiles (half of them using a keystore) and
 * server profiles, with a mix of lists and switches.
 */
async function seed(name: string, keystores: number, clients: number, servers: number) {
  const org = await createOrganization({ name, title: name, type: "provider" });
  const now = new Date();
  const ca = issue(now, { commonName: `${name} CA`, usage: "ca" });
  const parse = (pem: string) => parseCertificate(readPem(Buffer.from(pem), "bench")[0].der, "bench").info;
  const caInfo = parse(ca.certPem);
  for (let start = 0; start < keystores; start += 100) {
    const batch = Array.from({ length: Math.min(100, keystores - start) }, (_, k) => {
      const i = start + k;
      const usage = (["server", "client", "server+client"] as const)[i % 3];
      const pair = issue(now, { commonName: `ks-${i}.bench`, usage, toDays: 30 + (i % 700) }, ca);
      return { i, leaf: parse(pair.certPem) };
    });
    await db().keystore.createMany({
      data: batch.map(({ i, leaf }) => ({
        orgId: org.id,
        name: `keystore-${i}`,
        title: `Keystore ${i}`,
        titleKey: `keystore ${i}`,
        searchText: `keystore ${i}`,
        keyType: "EC P-256",
        subject: leaf.subject,
        notAfter: new Date(leaf.notAfter),
        fingerprint: leaf.sha256,
        updatedBy: "bench",
      })),
    });
    const ids = new Map(
      (
        await db().keystore.findMany({
          where: { orgId: org.id, name: { in: batch.map(({ i }) => `keystore-${i}`) } },
          select: { id: true, name: true },
        })
      ).map((k) => [k.name, k.id]),
    );
    const row = (keystoreId: string, position: number, c: typeof caInfo) => ({
      orgId: org.id,
      keystoreId,
      position,
      sha256: c.sha256,
      subject: c.subject,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      subjectAltNames: c.subjectAltNames.join("\n"),
      keyType: c.keyType,
      keyBits: c.keyBits,
      signatureAlgorithm: c.signatureAlgorithm,
      notBefore: new Date(c.notBefore),
      notAfter: new Date(c.notAfter),
      isCA: c.isCA,
      selfSigned: c.selfSigned,
      pem: c.pem,
    });
    await db().certificate.createMany({
      data: batch.flatMap(({ i, leaf }) => {
        const id = ids.get(`keystore-${i}`)!;
        return [row(id, 0, leaf), row(id, 1, caInfo)];
      }),
    });
  }
  const ks = await db().keystore.findMany({ where: { orgId: org.id }, select: { id: true }, orderBy: { name: "asc" } });
  for (let start = 0; start < clients; start += 500) {
    const data = Array.from({ length: Math.min(500, clients - start) }, (_, k) => {
      const i = start + k;
      const input = {
        ...CLIENT_PROFILE_DEFAULTS,
        title: `Profile ${i}`,
        name: `profile-${i}`,
        protocols: PROTOCOLS[i % PROTOCOLS.length],
        ciphers: CIPHER_SETS[(i >> 2) % CIPHER_SETS.length],
        insecure_server_connections: i % 7 === 0,
        server_name_indication: i % 11 !== 0,
      };
      return {
        orgId: org.id,
        name: input.name,
        version: input.version,
        updatedBy: "bench",
        ...toColumns(input),
        keystoreId: i % 2 === 0 ? ks[(i / 2) % ks.length].id : null,
      };
    });
    await db().tlsClientProfile.createMany({ data });
  }
  await db().tlsServerProfile.createMany({
    data: Array.from({ length: servers }, (_, i) => {
      const protocols = PROTOCOLS[i % PROTOCOLS.length];
      return {
        orgId: org.id,
        name: `server-${i}`,
        version: SERVER_PROFILE_DEFAULTS.version,
        title: `Server ${i}`,
        titleKey: `server ${i}`,
        searchText: `server ${i}`,
        protocols: protocols.join(","),
        ciphers: CIPHER_SETS[i % CIPHER_SETS.length].join(","),
        mutualAuthentication: "none",
        keystoreId: ks[i % ks.length].id,
        updatedBy: "bench",
      };
    }),
  });
  return systemContext(org, "bench");
}

const round = (x: number) => Math.round(x * 10) / 10;

/** p50 of `runs` previews after one warm-up, and the longest event-loop stall (and p99) while they ran. */
async function previews(ctx: ReturnType<typeof systemContext>, policy: object, runs: number) {
  await previewPolicy(ctx, policy, {});
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const ms: number[] = [];
  let results = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    results = (await previewPolicy(ctx, policy, {})).total_results;
    ms.push(performance.now() - t);
    // A turn after each, so the histogram records the stretch that ended with the preview.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  delay.disable();
  ms.sort((a, b) => a - b);
  return {
    p50: round(ms[Math.floor(ms.length / 2)]),
    loopMaxMs: round(delay.max / 1e6),
    loopP99Ms: round(delay.percentile(99) / 1e6),
    results,
  };
}

export async function compliancePreviewBench() {
  const small = await seed("compliance-100", 10, 80, 10);
  const large = await seed("compliance-10k", 1_000, 10_000, 200);
  const strict100 = await previews(small, STRICT, 30);
  const strict10k = await previews(large, STRICT, 15);
  const open10k = await previews(large, {}, 15);
  return {
    "100": { objects: 100, strict: strict100 },
    "10000": { objects: 11_200, strict: strict10k, open: open10k },
    ratioP50: round(strict10k.p50 / strict100.p50),
    target: "loop max < 50 ms at 10,000; p50 < 500 ms",
  };
}
