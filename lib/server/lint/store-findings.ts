import "server-only";
import type { Finding } from "@/lib/tls/lint/finding";
import { lintKeystore } from "@/lib/tls/lint/keystore";
import type { LintCertificate } from "@/lib/tls/lint/stored-certificate";
import { lintTruststore } from "@/lib/tls/lint/truststore";
import type { Db } from "@/lib/server/platform/db";

/** The certificate columns store lint reads. */
const LINT_COLUMNS = {
  keystoreId: true,
  truststoreId: true,
  position: true,
  subject: true,
  issuer: true,
  signatureAlgorithm: true,
  selfSigned: true,
  keyType: true,
  keyBits: true,
  notAfter: true,
  isCA: true,
  sha256: true,
} as const;

interface CertificateRow {
  subject: string;
  issuer: string;
  signatureAlgorithm: string;
  selfSigned: boolean;
  keyType: string;
  keyBits: number;
  notAfter: Date;
  isCA: boolean;
  sha256: string;
}

const lintable = (c: CertificateRow): LintCertificate => ({ ...c, notAfter: c.notAfter.toISOString() });

/** A keystore's findings from its stored chain (position order, leaf first). */
export const keystoreFindings = (chain: CertificateRow[], now = new Date()): Finding[] =>
  lintKeystore(chain.map(lintable), now);

export const truststoreFindings = (certificates: CertificateRow[], now = new Date()): Finding[] =>
  lintTruststore(certificates.map(lintable), now);

/** Findings of a page of stores, from one query for all their certificates (never one per store). */
export async function findingsOfStores(
  tx: Pick<Db, "certificate">,
  kind: "keystore" | "truststore",
  ids: string[],
  now = new Date(),
): Promise<Map<string, Finding[]>> {
  const rows = await tx.certificate.findMany({
    where: kind === "keystore" ? { keystoreId: { in: ids } } : { truststoreId: { in: ids } },
    select: LINT_COLUMNS,
    orderBy: { position: "asc" },
  });
  const byStore = new Map<string, CertificateRow[]>(ids.map((id) => [id, []]));
  for (const r of rows) byStore.get((kind === "keystore" ? r.keystoreId : r.truststoreId)!)?.push(r);
  const lint = kind === "keystore" ? keystoreFindings : truststoreFindings;
  return new Map([...byStore].map(([id, certs]) => [id, lint(certs, now)]));
}
