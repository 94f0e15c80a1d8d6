import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/server/platform/db";

/** One certificate of a keystore chain or a truststore, with what names it: enough for a metric or a calendar event. */
export interface CertificateExpiry {
  id: string;
  org: string;
  kind: "keystore" | "truststore";
  store: string;
  /** Keystore: 0 is the leaf, then the chain in order. Truststore: the order of upload. */
  position: number;
  subject: string;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  notAfter: Date;
  selfSigned: boolean;
}

type Raw = Record<keyof CertificateExpiry, unknown>;

/**
 * Every certificate of every store (or of one organization's), a page at a time: each page is ONE query joining
 * certificate, store and organization (never a lookup per store or per certificate), continued from the last id
 * read, so page 10 costs what page 1 does. Between pages the event loop is handed back: 10,000 certificates read
 * and rendered at once would hold it for most of a second (ADR 021).
 * Written in SQL both databases accept alike (quoted identifiers, no provider functions); what the two drivers
 * return differently (dates as text or Date, booleans as 0/1 or true) is evened out in `toExpiry`.
 */
export async function* certificateExpiryPages(pageSize: number, orgId?: string): AsyncGenerator<CertificateExpiry[]> {
  let after: string | null = null;
  for (;;) {
    const conditions: Prisma.Sql[] = [
      ...(orgId ? [Prisma.sql`c."orgId" = ${orgId}`] : []),
      ...(after ? [Prisma.sql`c."id" > ${after}`] : []),
    ];
    const rows: Raw[] = await db().$queryRaw<Raw[]>`
      SELECT c."id" AS "id", o."name" AS "org",
             CASE WHEN c."keystoreId" IS NULL THEN 'truststore' ELSE 'keystore' END AS "kind",
             COALESCE(k."name", t."name") AS "store", c."position" AS "position", c."subject" AS "subject",
             c."sha256" AS "fingerprint", c."notAfter" AS "notAfter", c."selfSigned" AS "selfSigned"
      FROM "Certificate" c
      JOIN "Organization" o ON o."id" = c."orgId"
      LEFT JOIN "Keystore" k ON k."id" = c."keystoreId"
      LEFT JOIN "Truststore" t ON t."id" = c."truststoreId"
      ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
      ORDER BY c."id"
      LIMIT ${pageSize}`;
    if (rows.length) yield rows.map(toExpiry);
    if (rows.length < pageSize) return;
    after = String(rows[rows.length - 1]!.id);
    await nextTurn();
  }
}

function toExpiry(r: Raw): CertificateExpiry {
  return {
    id: String(r.id),
    org: String(r.org),
    kind: r.kind === "keystore" ? "keystore" : "truststore",
    store: String(r.store),
    position: Number(r.position),
    subject: String(r.subject),
    fingerprint: String(r.fingerprint),
    notAfter: new Date(r.notAfter as string | number | Date),
    selfSigned: r.selfSigned === true || Number(r.selfSigned) === 1,
  };
}
