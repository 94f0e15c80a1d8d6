import { beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "@/lib/crypto/certificate";
import { readPem } from "@/lib/crypto/pem";
import { issue } from "@/lib/crypto/pki";
import { type OrgContext } from "@/lib/server/access/require-org";
import {
  clientProfileFacts,
  clientProfileFindings,
  serverProfileFacts,
  serverProfileFindings,
} from "@/lib/server/lint/profile-findings";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { previewPolicy } from "@/lib/server/policy/compliance";
import { toColumns } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { WITH_STORES } from "@/lib/server/profiles/store-refs";
import { generateKeystore } from "@/lib/server/stores/keystore-generation";
import { createKeystore } from "@/lib/server/stores/keystores";
import { CIPHERS, type CipherName, DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { CLIENT_PROFILE_DEFAULTS } from "@/lib/tls/client-profile-schema";
import type { ComplianceReport, NonCompliantObject } from "@/lib/tls/policy/compliance";
import { evaluateKey, evaluateLeaf } from "@/lib/tls/policy/keystore";
import { evaluateClientProfile, evaluateServerProfile } from "@/lib/tls/policy/profile";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { type TlsPolicy, ZTlsPolicy } from "@/lib/tls/tls-policy";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, pemUpload, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

/**
 * The compliance view (ADR 027) reads only what the rules need, shares evaluations among alike profiles, lists
 * findings for the requested page only and yields between batches. Its answer must stay the one a plain
 * evaluation of every object gives, object by object, with the functions the saves use: this file builds that
 * answer independently and compares, over more profiles than one batch holds, with profiles sharing lists and
 * keystores, a keystore without a certificate yet, and defaults.
 */
let owner: OrgContext;
let orgId: string;

const PROTOCOLS: TlsProtocol[][] = [
  ["tls_v1.2", "tls_v1.3"],
  ["tls_v1.3"],
  ["tls_v1.1", "tls_v1.2"],
  ["tls_v1.0", "tls_v1.1", "tls_v1.2", "tls_v1.3"],
];
const ALL = CIPHERS.map((c) => c.name);
const CIPHER_SETS: CipherName[][] = [DEFAULT_CIPHERS, ALL, ALL.slice(0, 12), ALL.slice(-15)];
const CLIENTS = 620;

beforeAll(async () => {
  const world = await buildWorld();
  owner = await contextFor(world);
  orgId = owner.org.id;
  const now = new Date();
  const upload = (title: string, usage: "server" | "client" | "server+client", toDays = 90, rsa = false) =>
    createKeystore(
      owner,
      { title },
      keystoreUpload(
        issue(now, { commonName: `${title}.test`, usage, toDays, keyKind: rsa ? "rsa-2048" : "ec-p256" }, testCa),
      ),
    );
  await upload("server-ks", "server");
  await upload("client-ks", "client");
  await upload("both-ks", "server+client");
  await upload("long-ks", "server", 825);
  await upload("rsa-ks", "client", 90, true);
  // A CA certificate as a keystore's leaf: no extended key usage extension at all (every purpose allowed).
  const noEku = issue(now, { commonName: "no-eku.test", usage: "ca" });
  await createKeystore(owner, { title: "no-eku-ks" }, pemUpload(noEku.keyPem + noEku.certPem));
  await generateKeystore(
    owner,
    { title: "pending-ks" },
    { key_type: "ec-p256", subject: { common_name: "pending.test" }, usage: "client" },
  );
  const keystores = await db().keystore.findMany({ where: { orgId }, orderBy: { name: "asc" } });
  // Written as rows (a profile may even name the keystore still awaiting its certificate): the view must judge
  // whatever is stored, not only what the forms let through.
  await db().tlsClientProfile.createMany({
    data: Array.from({ length: CLIENTS }, (_, i) => {
      const input = {
        ...CLIENT_PROFILE_DEFAULTS,
        title: `Client ${i}`,
        name: `client-${i}`,
        protocols: PROTOCOLS[i % PROTOCOLS.length],
        ciphers: CIPHER_SETS[(i >> 2) % CIPHER_SETS.length],
        insecure_server_connections: i % 7 === 0,
        server_name_indication: i % 11 !== 0,
      };
      return {
        orgId,
        name: input.name,
        version: input.version,
        updatedBy: "test",
        ...toColumns(input),
        keystoreId: i % 3 === 0 ? null : keystores[i % keystores.length].id,
        isDefault: i % 97 === 0,
      };
    }),
  });
  await db().truststore.create({
    data: { orgId, name: "anchors", title: "Anchors", titleKey: "anchors", searchText: "", updatedBy: "test" },
  });
  const active = keystores.filter((k) => k.state === "active");
  for (let i = 0; i < 12; i++)
    await createServerProfile(owner, {
      title: `Server ${i}`,
      version: "1.0.0",
      protocols: PROTOCOLS[i % PROTOCOLS.length],
      ciphers: CIPHER_SETS[i % CIPHER_SETS.length],
      mutual_authentication: (["none", "request", "require"] as const)[i % 3],
      keystore_url: active[i % active.length].name,
      truststore_url: i % 3 ? "anchors" : null,
    });
});

/** Every non-compliant object, evaluated one at a time as a save would (profiles read with their keystore's leaf). */
async function plainReport(policy: TlsPolicy): Promise<NonCompliantObject[]> {
  const orgUrl = `${publicUrl()}/api/orgs/${owner.org.name}`;
  const out: NonCompliantObject[] = [];
  const listed = { where: { orgId }, orderBy: { id: "asc" as const }, include: WITH_STORES };
  const profile = (type: NonCompliantObject["type"], segment: string) => (r: { name: string; version: string }) => ({
    type,
    name: r.name,
    version: r.version,
    url: `${orgUrl}/${segment}/${r.name}/${encodeURIComponent(r.version)}`,
  });
  for (const r of await db().tlsClientProfile.findMany(listed)) {
    const violations = evaluateClientProfile(policy, clientProfileFacts(r));
    if (violations.length)
      out.push({
        ...profile("tls_client_profile", "tls-client-profiles")(r),
        title: r.title,
        is_default: r.isDefault,
        violations,
        findings: clientProfileFindings(r),
      });
  }
  for (const r of await db().tlsServerProfile.findMany(listed)) {
    const violations = evaluateServerProfile(policy, serverProfileFacts(r));
    if (violations.length)
      out.push({
        ...profile("tls_server_profile", "tls-server-profiles")(r),
        title: r.title,
        is_default: r.isDefault,
        violations,
        findings: serverProfileFindings(r),
      });
  }
  const keystores = await db().keystore.findMany({
    where: { orgId },
    orderBy: { id: "asc" },
    include: {
      certificates: { where: { position: 0 } },
      _count: { select: { clientProfiles: true, serverProfiles: true } },
    },
  });
  for (const k of keystores) {
    const leaf = k.certificates[0];
    const roles = [
      ...(k._count.clientProfiles ? ["client" as const] : []),
      ...(k._count.serverProfiles ? ["server" as const] : []),
    ];
    const violations = [
      ...evaluateKey(policy, k.keyType, "key_type"),
      ...(leaf
        ? evaluateLeaf(
            policy,
            {
              keystore: k.name,
              notBefore: leaf.notBefore.toISOString(),
              notAfter: leaf.notAfter.toISOString(),
              // As the upload read it, the whole certificate parsed.
              extendedKeyUsage: parseCertificate(readPem(Buffer.from(leaf.pem), "leaf")[0].der, "leaf").info
                .extendedKeyUsage,
            },
            roles,
            "certificates",
          )
        : []),
    ];
    if (violations.length)
      out.push({
        type: "keystore",
        name: k.name,
        version: null,
        title: k.title,
        is_default: k.isDefault,
        url: `${orgUrl}/keystores/${k.name}`,
        violations,
        findings: (await findingsOfStores(db(), "keystore", [k.id])).get(k.id)!,
      });
  }
  return out;
}

const POLICIES: Record<string, unknown> = {
  strict: {
    minimum_protocol: "tls_v1.2",
    forbidden_suite_classes: ["cbc-sha1", "3des"],
    minimum_rsa_bits: 3072,
    allowed_curves: ["P-256", "P-384"],
    maximum_certificate_days: 398,
    require_extended_key_usage: true,
    forbid_insecure_server_connections: true,
    forbid_sni_off: true,
  },
  open: {},
  "TLS 1.3 only": { minimum_protocol: "tls_v1.3" },
  "extended key usage": { require_extended_key_usage: true },
  "no CBC-SHA1, SNI on": { forbidden_suite_classes: ["cbc-sha1"], forbid_sni_off: true },
};

describe("the compliance view answers as a plain evaluation of every object would", () => {
  it.each(Object.keys(POLICIES))("%s: counts, order, violations and findings, page by page", async (name) => {
    const policy = ZTlsPolicy.parse(POLICIES[name]);
    const all = await plainReport(policy);
    const blocked = { tls_client_profile: 0, tls_server_profile: 0, keystore: 0 };
    for (const o of all) if (!o.is_default) blocked[o.type] += 1;
    const exempt = all.filter((o) => o.is_default).length;
    if (name !== "open") expect(all.length).toBeGreaterThan(0);
    // Pages across the batch boundaries (250 rows) and past the end.
    for (const [offset, limit] of [
      [0, 500],
      [0, 100],
      [240, 20],
      [499, 7],
      [all.length - 3, 10],
      [all.length + 5, 10],
    ]) {
      if (offset < 0) continue;
      const report: ComplianceReport = await previewPolicy(owner, POLICIES[name], { offset, limit });
      expect(report).toEqual({
        policy,
        total_results: all.length,
        blocked,
        exempt,
        results: all.slice(offset, offset + limit),
      });
    }
  });

  it("lets other work run between batches, even when the database answers synchronously (SQLite)", async () => {
    let turns = 0;
    let running = true;
    const spin = () => {
      turns += 1;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const report = await previewPolicy(owner, POLICIES.strict, {});
    running = false;
    expect(report.total_results).toBeGreaterThan(0);
    // At least one turn per batch of profiles read (620 client profiles: 3 batches); a report run in one stretch
    // gives none.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
