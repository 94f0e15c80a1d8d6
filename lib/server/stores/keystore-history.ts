import "server-only";
import { randomUUID } from "node:crypto";
import { open, seal, sealedOf } from "@/lib/crypto/envelope";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/server/access/require-org";
import type { Db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { masterKey } from "@/lib/server/platform/master-key";
import type { Row } from "@/lib/server/stores/keystores";
import { bindings } from "@/lib/server/stores/rotation-material";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Earlier materials kept per keystore (ADR 026); older ones are deleted in the transaction that adds one. */
const VERSIONS_KEPT = 5;

/** How a material stopped being current: a staged activation, an immediate replacement, a roll back. */
export type RetiredHow = "activate" | "rotate" | "restore";

/**
 * Two swaps racing on one store (side by side on Postgres) both read the same last number; the second insert waits
 * for the first to commit and then violates the unique (store, number) pair. That is the loser of the race: refused
 * as stale, as the row version would have refused it a statement later, never an unexpected error (a 500).
 */
export const changedMeanwhile = (kind: "keystore" | "truststore") =>
  new AppError("STALE", `This ${kind} was changed by someone else meanwhile — reload to see the change.`);

/**
 * Keeps the keystore's current material as its next version: the key re-sealed under the version's own binding, the
 * chain as PEM. The (keystore, number) pair is unique, so of two swaps racing on one keystore only one commits.
 * Returns the version number, or null for a keystore with no material yet (awaiting its certificate).
 */
export async function retireCurrent(tx: Tx, ctx: OrgContext, row: Row, how: RetiredHow, now: Date) {
  const sealed = sealedOf(row);
  if (!sealed || !row.notAfter || !row.fingerprint) return null;
  const [certificates, last] = await Promise.all([
    tx.certificate.findMany({ where: { keystoreId: row.id }, orderBy: { position: "asc" }, select: { pem: true } }),
    tx.keystoreVersion.findFirst({
      where: { keystoreId: row.id },
      orderBy: { number: "desc" },
      select: { number: true },
    }),
  ]);
  const id = randomUUID();
  const number = (last?.number ?? 0) + 1;
  const der = open(masterKey(), bindings.keystore(row.orgId, row.id), sealed);
  try {
    await tx.keystoreVersion.create({
      data: {
        id,
        orgId: row.orgId,
        keystoreId: row.id,
        number,
        keyType: row.keyType,
        ...seal(masterKey(), bindings.version(row.orgId, id), der),
        chainPem: certificates.map((c) => c.pem).join(""),
        subject: row.subject,
        notAfter: row.notAfter,
        fingerprint: row.fingerprint,
        expiredAccepted: row.expiredAccepted,
        retiredAt: now,
        retiredBy: ctx.actor.email,
        retiredHow: how,
      },
    });
  } catch (e) {
    throw isUniqueViolation(e) ? changedMeanwhile("keystore") : e;
  } finally {
    der.fill(0);
  }
  const stale = await tx.keystoreVersion.findMany({
    where: { keystoreId: row.id },
    orderBy: { number: "desc" },
    skip: VERSIONS_KEPT,
    select: { id: true },
  });
  if (stale.length) await tx.keystoreVersion.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  return number;
}
