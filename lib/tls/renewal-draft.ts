import { EKU } from "./lint/key-usage";
import { KEY_TYPE_LABELS, type KeyType, type KeyUsage, type SanType } from "./key-request";

/** What the "Generate a new key and CSR" form starts from when it prepares a keystore's next material. */
export interface RenewalDraft {
  key_type: KeyType;
  subject: {
    common_name: string;
    organization: string;
    organizational_unit: string;
    locality: string;
    state: string;
    country: string;
  };
  sans: { type: SanType; value: string }[];
  usage: KeyUsage;
}

/** A subject with every part blank, as a new key request starts. */
export const emptySubject = (): RenewalDraft["subject"] => ({
  common_name: "",
  organization: "",
  organizational_unit: "",
  locality: "",
  state: "",
  country: "",
});

const PARTS: Record<string, keyof RenewalDraft["subject"]> = {
  CN: "common_name",
  O: "organization",
  OU: "organizational_unit",
  L: "locality",
  ST: "state",
  C: "country",
};
const SAN_PREFIXES: [string, SanType][] = [
  ["DNS:", "DNS"],
  ["IP Address:", "IP"],
  ["email:", "email"],
  ["URI:", "URI"],
];

/** "C=DE, O=Acme\, Inc., CN=a" → its attributes, escapes undone (RFC 4514, as Node writes subjects). */
function attributes(subject: string): [string, string][] {
  const out: [string, string][] = [];
  let current = "";
  for (let i = 0; i < subject.length; i++) {
    const c = subject[i];
    if (c === "\\" && i + 1 < subject.length) current += c + subject[++i];
    else if (c === "," && subject[i + 1] === " ") {
      out.push(split(current));
      current = "";
      i++;
    } else current += c;
  }
  if (current) out.push(split(current));
  return out;
}

function split(attribute: string): [string, string] {
  const at = attribute.indexOf("=");
  return [attribute.slice(0, at), attribute.slice(at + 1).replace(/\\(.)/g, "$1")];
}

/**
 * A renewal that changes nothing by accident: the next key is asked for like the current certificate (its key type,
 * subject, names and usage), and the person edits what should change. Unknown key types fall back to EC P-256;
 * a certificate without extended key usage (every purpose) asks for both.
 */
export function renewalDraft(leaf: {
  keyType: string;
  subject: string;
  subjectAltNames: string[];
  extendedKeyUsage: string[] | null;
}): RenewalDraft {
  const subject = emptySubject();
  for (const [type, value] of attributes(leaf.subject)) {
    const field = PARTS[type];
    if (field && !subject[field]) subject[field] = value;
  }
  const keyType = (Object.entries(KEY_TYPE_LABELS) as [KeyType, string][]).find(([, l]) => l === leaf.keyType)?.[0];
  const eku = leaf.extendedKeyUsage;
  const server = eku === null || eku.includes(EKU.serverAuth) || eku.includes(EKU.any);
  const client = eku === null || eku.includes(EKU.clientAuth) || eku.includes(EKU.any);
  return {
    key_type: keyType ?? "ec-p256",
    subject,
    sans: leaf.subjectAltNames.flatMap((name) => {
      const hit = SAN_PREFIXES.find(([prefix]) => name.startsWith(prefix));
      return hit ? [{ type: hit[1], value: name.slice(hit[0].length) }] : [];
    }),
    usage: server && client ? "both" : client ? "client" : "server",
  };
}
