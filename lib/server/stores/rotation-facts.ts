import "server-only";
import { type MaterialSide, type RotationDiff, type RotationFacts, rotationDiff } from "@/lib/tls/rotation-diff";
import { db, type Db } from "@/lib/server/platform/db";
import { dependantsOf } from "@/lib/server/stores/dependants";
import type { Row } from "@/lib/server/stores/keystores";
import { chainOf } from "@/lib/server/stores/rotation-material";

type Reader = Pick<Db, "certificate" | "tlsClientProfile" | "tlsServerProfile">;

/** What the diff needs besides the two chains: who uses the keystore, and what the organization's truststores hold. */
async function rotationFacts(tx: Reader, orgId: string, keystoreId: string, now: Date): Promise<RotationFacts> {
  const [profiles, held] = await Promise.all([
    dependantsOf(tx, { keystoreId }),
    tx.certificate.findMany({
      where: { orgId, truststoreId: { not: null } },
      select: { sha256: true, subject: true, truststore: { select: { name: true } } },
    }),
  ]);
  const truststores = new Map<string, { sha256: string; subject: string }[]>();
  for (const c of held) {
    const name = c.truststore!.name;
    truststores.set(name, [...(truststores.get(name) ?? []), { sha256: c.sha256, subject: c.subject }]);
  }
  return { profiles, truststores: [...truststores].map(([name, certificates]) => ({ name, certificates })), now };
}

/** The material in use, read from its stored chain (extended key usage is not a column: ADR 025). */
async function currentSide(tx: Reader, row: Row): Promise<MaterialSide> {
  const certificates = await tx.certificate.findMany({
    where: { keystoreId: row.id },
    orderBy: { position: "asc" },
    select: { pem: true },
  });
  return { keyType: row.keyType, chain: chainOf(certificates.map((c) => c.pem).join("")) };
}

/**
 * A differ for one keystore: reads the current side and the facts once, then compares any number of candidates
 * (the pending material, each kept version) with what is in use.
 */
export async function differFor(row: Row, now: Date, tx: Reader = db()) {
  const [current, facts] = await Promise.all([currentSide(tx, row), rotationFacts(tx, row.orgId, row.id, now)]);
  return (keyType: string, chainPem: string): RotationDiff =>
    rotationDiff(current, { keyType, chain: chainOf(chainPem) }, facts);
}
