import { unparseable } from "./import-error";

export interface PemBlock {
  label: string;
  /** The block exactly as written, headers included: Node needs them for legacy encrypted keys. */
  text: string;
  der: Buffer;
  headers: Record<string, string>;
}

const BEGIN = "-----BEGIN ";
const DASHES = "-----";
const LABEL = /^[A-Z0-9 ]+$/;

export function isPem(bytes: Buffer): boolean {
  return bytes.subarray(0, 4096).includes(BEGIN);
}

/**
 * Splits a PEM file into its blocks in one pass: each BEGIN line is matched with the first END line of its
 * label after it, so no byte is scanned more than twice. A BEGIN without its END refuses the file (rather than
 * being searched for again from every later BEGIN). `part` names the file in error messages.
 */
export function readPem(bytes: Buffer, part: string): PemBlock[] {
  const text = bytes.toString("utf8");
  const blocks: PemBlock[] = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at)) {
    const labelStart = at + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    const label = labelEnd < 0 ? "" : text.slice(labelStart, labelEnd);
    const lineEnd = labelEnd + DASHES.length;
    const bodyStart = text.startsWith("\r\n", lineEnd) ? lineEnd + 2 : lineEnd + 1;
    if (!LABEL.test(label) || (text[lineEnd] !== "\n" && !text.startsWith("\r\n", lineEnd))) {
      at = labelStart; // not a BEGIN line after all: text around blocks is allowed
      continue;
    }
    const endLine = `-----END ${label}-----`;
    const bodyEnd = text.indexOf(endLine, bodyStart);
    const name = `${part} (block ${blocks.length + 1}, ${label.toLowerCase()})`;
    if (bodyEnd < 0) throw unparseable(name, `has no "${endLine}" line`);
    at = bodyEnd + endLine.length;
    blocks.push(block(label, text.slice(bodyStart, bodyEnd), text.slice(labelStart - BEGIN.length, at), name));
  }
  if (blocks.length === 0) throw unparseable(part, "has no complete PEM block (-----BEGIN … -----END …)");
  return blocks;
}

function block(label: string, body: string, whole: string, name: string): PemBlock {
  const headers: Record<string, string> = {};
  const lines = body.split(/\r?\n/);
  let i = 0;
  for (; i < lines.length && lines[i].includes(":"); i++) {
    const [k, ...v] = lines[i].split(":");
    headers[k.trim()] = v.join(":").trim();
  }
  const base64 = lines.slice(i).join("").trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0) throw unparseable(name, "has invalid base64");
  return { label, text: whole, der: Buffer.from(base64, "base64"), headers };
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
