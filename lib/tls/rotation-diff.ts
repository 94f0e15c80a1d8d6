import type { CertificateInfo } from "@/lib/crypto/certificate";
import { EKU } from "./lint/key-usage";
import type { DependantDto } from "./store-dto";

/**
 * The diff of a keystore's pending (or earlier) material against what is in use (issue 10, ADR 026): what changes,
 * and the warnings a person must confirm by code before the swap. Pure: the server gathers the facts (the chains,
 * the profiles using the keystore, the organization's truststores) and the clock.
 */

/** What the diff reads of each certificate: the public facts a chain is stored with, plus extended key usage. */
type ChainCertificate = Pick<
  CertificateInfo,
  | "subject"
  | "issuer"
  | "subjectAltNames"
  | "extendedKeyUsage"
  | "keyType"
  | "keyBits"
  | "notBefore"
  | "notAfter"
  | "sha256"
  | "selfSigned"
>;

/** One side of the diff: its key type as shown ("RSA 2048") and its chain, leaf first. */
export interface MaterialSide {
  keyType: string;
  chain: ChainCertificate[];
}

export interface RotationFacts {
  /** The profiles using the keystore. */
  profiles: DependantDto[];
  /** Every truststore of the organization with its certificates' fingerprints and subjects. */
  truststores: { name: string; certificates: { sha256: string; subject: string }[] }[];
  now: Date;
}

export const ROTATION_WARNING_CODES = [
  "client_auth_removed",
  "server_auth_removed",
  "san_removed",
  "key_type_changed",
  "key_smaller",
  "new_root",
  "new_intermediate",
  "expires_sooner",
  "expired",
] as const;
type RotationWarningCode = (typeof ROTATION_WARNING_CODES)[number];

/** What a person reads first; the code stays beside it, since the confirmation (and the REST `confirm`) names it. */
export const ROTATION_WARNING_TITLES: Record<RotationWarningCode, string> = {
  client_auth_removed: "Client authentication is gone",
  server_auth_removed: "Server authentication is gone",
  san_removed: "A subject alternative name is removed",
  key_type_changed: "The key type changes",
  key_smaller: "The key gets smaller",
  new_root: "A new root",
  new_intermediate: "A new intermediate",
  expires_sooner: "The new certificate expires sooner",
  expired: "The new certificate has expired",
};

interface RotationWarning {
  code: RotationWarningCode;
  message: string;
}

interface Change<T> {
  from: T;
  to: T;
  changed: boolean;
}

export interface RotationDiff {
  subject: Change<string>;
  subject_alt_names: { added: string[]; removed: string[]; kept: string[] };
  /** Purposes by name ("serverAuth"); null: no extension, every purpose allowed. */
  extended_key_usage: Change<string[] | null>;
  key: Change<string>;
  issuer: Change<string>;
  /** Subjects, leaf first. */
  chain: Change<string[]>;
  /** The trust anchor the chain leads to: a self-signed root kept in it, or the last certificate's issuer. */
  root: Change<string>;
  validity: Change<{ not_before: string; not_after: string }>;
  /** Each needs confirming by its code before the swap. */
  warnings: RotationWarning[];
}

const EKU_NAMES: Record<string, string> = {
  [EKU.serverAuth]: "serverAuth",
  [EKU.clientAuth]: "clientAuth",
  [EKU.any]: "anyExtendedKeyUsage",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
};

const allows = (usages: readonly string[] | null, oid: string) =>
  usages === null || usages.includes(oid) || usages.includes(EKU.any);

const change = <T>(from: T, to: T): Change<T> => ({ from, to, changed: JSON.stringify(from) !== JSON.stringify(to) });

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Who a chain ends at: the self-signed root kept in it (its fingerprint known), or the last certificate's issuer. */
function anchorOf(chain: ChainCertificate[]): { subject: string; sha256: string | null } {
  const last = chain[chain.length - 1];
  return last.selfSigned ? { subject: last.subject, sha256: last.sha256 } : { subject: last.issuer, sha256: null };
}

const sameAnchor = (a: ReturnType<typeof anchorOf>, b: ReturnType<typeof anchorOf>) =>
  a.subject === b.subject && (a.sha256 === null || b.sha256 === null || a.sha256 === b.sha256);

/** The truststores holding a certificate that is (or is named as) `anchor`. */
function holding(facts: RotationFacts, anchor: ReturnType<typeof anchorOf>): Set<string> {
  return new Set(
    facts.truststores
      .filter((t) =>
        t.certificates.some((c) => (anchor.sha256 ? c.sha256 === anchor.sha256 : c.subject === anchor.subject)),
      )
      .map((t) => t.name),
  );
}

const family = (keyType: string) => keyType.split(" ")[0];
const size = (keyType: string) => Number(keyType.match(/(\d+)$/)?.[1] ?? 0);
const day = (iso: string) => iso.slice(0, 10);

function usageWarnings(current: ChainCertificate, next: ChainCertificate, facts: RotationFacts): RotationWarning[] {
  const names = (type: DependantDto["type"]) => [
    ...new Set(facts.profiles.filter((p) => p.type === type).map((p) => p.name)),
  ];
  const out: RotationWarning[] = [];
  const clients = names("tls_client_profile");
  if (
    clients.length &&
    allows(current.extendedKeyUsage, EKU.clientAuth) &&
    !allows(next.extendedKeyUsage, EKU.clientAuth)
  )
    out.push({
      code: "client_auth_removed",
      message: `clientAuth is gone; client profile${clients.length > 1 ? "s" : ""} ${listInWords(clients)} use${clients.length > 1 ? "" : "s"} this keystore for mutual TLS, and servers that check the purpose will refuse the certificate.`,
    });
  const servers = names("tls_server_profile");
  if (
    servers.length &&
    allows(current.extendedKeyUsage, EKU.serverAuth) &&
    !allows(next.extendedKeyUsage, EKU.serverAuth)
  )
    out.push({
      code: "server_auth_removed",
      message: `serverAuth is gone; server profile${servers.length > 1 ? "s" : ""} ${listInWords(servers)} present${servers.length > 1 ? "" : "s"} this keystore's certificate, and clients that check the purpose will refuse it.`,
    });
  return out;
}

function chainWarnings(current: MaterialSide, next: MaterialSide, facts: RotationFacts): RotationWarning[] {
  const from = anchorOf(current.chain);
  const to = anchorOf(next.chain);
  if (!sameAnchor(from, to)) {
    const trustingOld = holding(facts, from);
    const trustingNew = holding(facts, to);
    const stranded = [...trustingOld].filter((t) => !trustingNew.has(t)).sort();
    const head = `The new chain leads to a different root (${to.subject} instead of ${from.subject})`;
    return [
      {
        code: "new_root",
        message: stranded.length
          ? `${head}: truststores that trust the old root do not trust the new one — ${listInWords(stranded)} ${stranded.length > 1 ? "hold" : "holds"} the old root and not the new.`
          : `${head}: truststores that trust the old root do not trust the new one; peers must trust the new root before the swap.`,
      },
    ];
  }
  // Same root: a new intermediate matters to a truststore that pins the old one.
  const intermediates = (s: MaterialSide) => s.chain.slice(1).filter((c) => !c.selfSigned);
  const newOnes = new Set(intermediates(next).map((c) => c.sha256));
  const pinned = intermediates(current)
    .filter((c) => !newOnes.has(c.sha256))
    .flatMap((c) => [...holding(facts, { subject: c.subject, sha256: c.sha256 })]);
  const stranded = [...new Set(pinned)].sort();
  if (stranded.length === 0) return [];
  return [
    {
      code: "new_intermediate",
      message: `The chain has a new intermediate: ${listInWords(stranded)} ${stranded.length > 1 ? "trust" : "trusts"} the old intermediate itself and not the new one.`,
    },
  ];
}

function keyWarnings(current: string, next: string): RotationWarning[] {
  if (family(current) !== family(next))
    return [
      {
        code: "key_type_changed",
        message: `The key changes from ${current} to ${next}: peers and profiles that allow only ${family(current)} cipher suites or signatures cannot use it.`,
      },
    ];
  if (size(next) < size(current))
    return [{ code: "key_smaller", message: `The key gets smaller: ${current} becomes ${next}.` }];
  return [];
}

function validityWarnings(current: ChainCertificate, next: ChainCertificate, now: Date): RotationWarning[] {
  if (Date.parse(next.notAfter) <= now.getTime())
    return [
      { code: "expired", message: `The new certificate expired on ${day(next.notAfter)}: peers will refuse it.` },
    ];
  // By the day, as both dates are shown: a renewal issued seconds apart must not warn of "2027-12-02, before 2027-12-02".
  if (day(next.notAfter) < day(current.notAfter))
    return [
      {
        code: "expires_sooner",
        message: `The new certificate expires on ${day(next.notAfter)}, before the current one (${day(current.notAfter)}).`,
      },
    ];
  return [];
}

/** Compares `next` with `current`; both chains have at least their leaf. */
export function rotationDiff(current: MaterialSide, next: MaterialSide, facts: RotationFacts): RotationDiff {
  const [a, b] = [current.chain[0], next.chain[0]];
  const before = new Set(a.subjectAltNames);
  const after = new Set(b.subjectAltNames);
  const removed = a.subjectAltNames.filter((n) => !after.has(n));
  const usageNames = (u: string[] | null) => (u === null ? null : u.map((oid) => EKU_NAMES[oid] ?? oid));
  const sanWarning: RotationWarning[] = removed.length
    ? [
        {
          code: "san_removed",
          message: `${listInWords(removed)} ${removed.length > 1 ? "are" : "is"} no longer in the certificate: clients connecting by ${removed.length > 1 ? "these names" : "that name"} will refuse it.`,
        },
      ]
    : [];
  return {
    subject: change(a.subject, b.subject),
    subject_alt_names: {
      added: b.subjectAltNames.filter((n) => !before.has(n)),
      removed,
      kept: b.subjectAltNames.filter((n) => before.has(n)),
    },
    extended_key_usage: change(usageNames(a.extendedKeyUsage), usageNames(b.extendedKeyUsage)),
    key: change(current.keyType, next.keyType),
    issuer: change(a.issuer, b.issuer),
    chain: change(
      current.chain.map((c) => c.subject),
      next.chain.map((c) => c.subject),
    ),
    root: change(anchorOf(current.chain).subject, anchorOf(next.chain).subject),
    validity: {
      from: { not_before: a.notBefore, not_after: a.notAfter },
      to: { not_before: b.notBefore, not_after: b.notAfter },
      changed: day(a.notBefore) !== day(b.notBefore) || day(a.notAfter) !== day(b.notAfter),
    },
    warnings: [
      ...usageWarnings(a, b, facts),
      ...sanWarning,
      ...keyWarnings(current.keyType, next.keyType),
      ...chainWarnings(current, next, facts),
      ...validityWarnings(a, b, facts.now),
    ],
  };
}
