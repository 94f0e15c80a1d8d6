/**
 * The scheduled expiry check (ADR 019) over 10,000 certificates in 1,000 organizations, each with one webhook: the
 * time of a first run (which records the notices) and of a second one (which must record nothing new), and the
 * process's peak memory growth while they run. In process, against the bench database, before the server starts.
 */
import { createOrganization } from "@/lib/server/access/orgs";
import { checkAllOrgs } from "@/lib/server/notifications/check";
import { db } from "@/lib/server/platform/db";

const ORGS = 1_000;
const PER_ORG = 10;
const DAY = 86_400_000;

async function seed(now: Date) {
  for (let o = 0; o < ORGS; o++) {
    const org = await createOrganization({ name: `check-${o}`, title: `Check ${o}`, type: "provider" });
    const store = await db().truststore.create({
      data: {
        orgId: org.id,
        name: "anchors",
        title: "Anchors",
        titleKey: "anchors",
        searchText: "",
        updatedBy: "bench",
      },
    });
    await db().webhook.create({
      data: {
        orgId: org.id,
        url: "https://hooks.bench.invalid/",
        keyCiphertext: "-",
        wrappedDataKey: "-",
        masterKeyId: "-",
        createdBy: "bench",
      },
    });
    await db().certificate.createMany({
      data: Array.from({ length: PER_ORG }, (_, p) => {
        const i = o * PER_ORG + p;
        const hex = i.toString(16).padStart(64, "0");
        return {
          orgId: org.id,
          truststoreId: store.id,
          position: p,
          sha256: hex.match(/../g)!.join(":"),
          subject: `CN=Check ${i}`,
          issuer: `CN=Check ${i}`,
          serialNumber: hex.slice(0, 16),
          subjectAltNames: "",
          keyType: "EC",
          keyBits: 256,
          signatureAlgorithm: "ecdsa-with-SHA256",
          notBefore: new Date(now.getTime() - 400 * DAY),
          // From 5 days ago to 395 days ahead: about one in ten has crossed a threshold.
          notAfter: new Date(now.getTime() + (((i * 7919) % 400) - 5) * DAY),
          isCA: true,
          selfSigned: true,
          pem: "",
        };
      }),
    });
  }
}

async function measured<T>(run: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t = performance.now();
  const value = await run();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, seconds: Math.round(seconds * 100) / 100, peakGrowthMB: Math.round((peak - before) / 1e5) / 10 };
}

export async function expiryCheckBench() {
  const now = new Date();
  await seed(now);
  const first = await measured(() => checkAllOrgs(now));
  const second = await measured(() => checkAllOrgs(now));
  // Nothing for the benchmarked server to deliver to the made-up hooks.
  await db().webhook.deleteMany({ where: { url: "https://hooks.bench.invalid/" } });
  return {
    organizations: ORGS,
    certificates: ORGS * PER_ORG,
    firstRun: { seconds: first.seconds, peakGrowthMB: first.peakGrowthMB, queued: first.value.queued.length },
    secondRun: { seconds: second.seconds, peakGrowthMB: second.peakGrowthMB, queued: second.value.queued.length },
    target: "< 2 s",
  };
}
