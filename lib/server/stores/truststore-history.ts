import "server-only";
import type { OrgContext } from "@/lib/server/access/require-org";
import type { Db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { changedMeanwhile } from "@/lib/server/stores/keystore-history";
import type { Row } from "@/lib/server/stores/truststores";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Earlier certificate sets kept per truststore (ADR 026), as for keystores. */
const VERSIONS_KEPT = 5;

/**
 * Keeps the truststore's current certificate set as its next version before an add, a remove or a roll back changes
 * it; the (truststore, number) pair is unique, so two changes racing cannot both record one number.
 */
export async function keepTruststoreVersion(
  tx: Tx,
  ctx: OrgContext,
  row: Row,
  how: "add-certificates" | "remove-certificate" | "restore",
  now: Date,
): Promise<number> {
  const [certificates, last] = await Promise.all([
    tx.certificate.findMany({ where: { truststoreId: row.id }, orderBy: { position: "asc" }, select: { pem: true } }),
    tx.truststoreVersion.findFirst({
      where: { truststoreId: row.id },
      orderBy: { number: "desc" },
      select: { number: true },
    }),
  ]);
  const number = (last?.number ?? 0) + 1;
  await tx.truststoreVersion
    .create({
      data: {
        orgId: row.orgId,
        truststoreId: row.id,
        number,
        pem: certificates.map((c) => c.pem).join(""),
        retiredAt: now,
        retiredBy: ctx.actor.email,
        retiredHow: how,
      },
    })
    // A change racing this one recorded the number first (see changedMeanwhile).
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? changedMeanwhile("truststore") : e;
    });
  const stale = await tx.truststoreVersion.findMany({
    where: { truststoreId: row.id },
    orderBy: { number: "desc" },
    skip: VERSIONS_KEPT,
    select: { id: true },
  });
  if (stale.length) await tx.truststoreVersion.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  return number;
}
