import { DEFAULT_CIPHERS, sortCiphers, TLS13_CIPHERS, type CipherName } from "./ciphers";
import { listed } from "./lint/finding";
import { DEFAULT_PROTOCOLS, PROTOCOL_LABELS, sortProtocols, type TlsProtocol } from "./protocols";

/**
 * Named, dated selections of protocols and ciphers (ADR 025). A preset never changes once published: a better
 * selection is a new preset with a new date, so "matches Modern 2026" keeps meaning the same lists for years.
 * Every list holds catalogue names only and already obeys the TLS 1.3 rule (tests check both).
 */
export interface TlsPreset {
  id: string;
  title: string;
  description: string;
  /** Kept for old peers only: the form and the API say so. */
  legacy: boolean;
  protocols: TlsProtocol[];
  ciphers: CipherName[];
}

const ECDHE_GCM: CipherName[] = [
  "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  "ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  "ECDHE_RSA_WITH_AES_128_GCM_SHA256",
];

/** What TLS 1.0 and 1.1 clients can use: AES in CBC mode with SHA-1 (no 3DES, no DSS). */
const LEGACY_CBC: CipherName[] = [
  "ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
  "ECDHE_RSA_WITH_AES_256_CBC_SHA",
  "ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
  "ECDHE_RSA_WITH_AES_128_CBC_SHA",
  "DHE_RSA_WITH_AES_256_CBC_SHA",
  "DHE_RSA_WITH_AES_128_CBC_SHA",
  "RSA_WITH_AES_256_GCM_SHA384",
  "RSA_WITH_AES_256_CBC_SHA256",
  "RSA_WITH_AES_256_CBC_SHA",
  "RSA_WITH_AES_128_GCM_SHA256",
  "RSA_WITH_AES_128_CBC_SHA256",
  "RSA_WITH_AES_128_CBC_SHA",
];

const preset = (p: TlsPreset): TlsPreset => ({
  ...p,
  protocols: sortProtocols(p.protocols),
  ciphers: sortCiphers(p.ciphers),
});

export const TLS_PRESETS: readonly TlsPreset[] = [
  preset({
    id: "modern-2026",
    title: "Modern 2026",
    description: "TLS 1.3 only, with every TLS 1.3 suite of the catalogue. For peers you control.",
    legacy: false,
    protocols: ["tls_v1.3"],
    ciphers: TLS13_CIPHERS,
  }),
  preset({
    id: "mozilla-intermediate-6.0",
    title: "Mozilla intermediate 6.0",
    description:
      "TLS 1.2 and 1.3; ECDHE with AES-GCM for TLS 1.2, and the TLS 1.3 suites Mozilla lists. API Connect's catalogue has no TLS 1.2 ChaCha20-Poly1305 suite, so Mozilla's two are left out.",
    legacy: false,
    protocols: ["tls_v1.2", "tls_v1.3"],
    ciphers: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", ...ECDHE_GCM],
  }),
  preset({
    id: "apic-default",
    title: "API Connect default",
    description:
      "What the installation's default profiles use: TLS 1.2 and 1.3 with every suite that has no known weakness.",
    legacy: false,
    protocols: DEFAULT_PROTOCOLS,
    ciphers: DEFAULT_CIPHERS,
  }),
  preset({
    id: "legacy-compatibility",
    title: "Legacy compatibility",
    description:
      "Adds TLS 1.0 and 1.1 and AES-CBC suites (SHA-1 MACs, static RSA) to the API Connect default, for peers that cannot be upgraded. Legacy: weak by design.",
    legacy: true,
    protocols: ["tls_v1.0", "tls_v1.1", ...DEFAULT_PROTOCOLS],
    ciphers: [...DEFAULT_CIPHERS, ...LEGACY_CBC],
  }),
];

export const PRESET_IDS = TLS_PRESETS.map((p) => p.id) as [string, ...string[]];

export function presetById(id: string): TlsPreset | undefined {
  return TLS_PRESETS.find((p) => p.id === id);
}

/** How a selection differs from a preset: what it adds to and removes from the preset's lists. */
interface PresetDifference {
  preset: TlsPreset;
  addedProtocols: TlsProtocol[];
  removedProtocols: TlsProtocol[];
  addedCiphers: CipherName[];
  removedCiphers: CipherName[];
}

const size = (d: PresetDifference) =>
  d.addedProtocols.length + d.removedProtocols.length + d.addedCiphers.length + d.removedCiphers.length;

function differenceFrom(p: TlsPreset, protocols: readonly TlsProtocol[], ciphers: readonly CipherName[]) {
  return {
    preset: p,
    addedProtocols: sortProtocols(protocols.filter((x) => !p.protocols.includes(x))),
    removedProtocols: p.protocols.filter((x) => !protocols.includes(x)),
    addedCiphers: sortCiphers(ciphers.filter((x) => !p.ciphers.includes(x))),
    removedCiphers: p.ciphers.filter((x) => !ciphers.includes(x)),
  };
}

/**
 * The preset a selection is closest to (fewest added and removed items; the earlier preset on a tie), with the
 * difference: empty lists mean the selection matches it. Pass the effective ciphers (after the TLS 1.3 rule).
 */
export function closestPreset(protocols: readonly TlsProtocol[], ciphers: readonly CipherName[]): PresetDifference {
  return TLS_PRESETS.map((p) => differenceFrom(p, protocols, ciphers)).reduce((best, d) =>
    size(d) < size(best) ? d : best,
  );
}

export const matchesPreset = (d: PresetDifference) => size(d) === 0;

/** Up to this many suites are named; more are counted ("adds 11 suites"), so the line stays one line. */
const NAMED_SUITES = 3;
const suites = (names: readonly CipherName[]) =>
  names.length <= NAMED_SUITES ? listed(names) : `${names.length} suites`;

/**
 * "Matches Mozilla intermediate 6.0", or "Differs from Modern 2026: adds TLS 1.2; adds 4 suites" — a suite or two
 * ticked by hand is named, so the user sees which one set the selection apart.
 */
export function describePresetDifference(d: PresetDifference): string {
  if (matchesPreset(d)) return `Matches ${d.preset.title}`;
  const parts = [
    d.addedProtocols.length ? `adds ${d.addedProtocols.map((p) => PROTOCOL_LABELS[p]).join(", ")}` : "",
    d.removedProtocols.length ? `removes ${d.removedProtocols.map((p) => PROTOCOL_LABELS[p]).join(", ")}` : "",
    d.addedCiphers.length ? `adds ${suites(d.addedCiphers)}` : "",
    d.removedCiphers.length ? `removes ${suites(d.removedCiphers)}` : "",
  ].filter(Boolean);
  return `Differs from ${d.preset.title}: ${parts.join("; ")}`;
}
