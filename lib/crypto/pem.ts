import { unparseable } from "./import-error";

export interface PemBlock {
  label: string;
  /** The block exactly as written, headers included: Node needs them for legacy encrypted keys. */
  text: string;
  der: Buffer;
  headers: Record<string, string>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function isPem(bytes: Buffer): boolean {
  return bytes.subarray(0, 4096).includes("-----BEGIN ");
}

/** Splits a PEM file into its blocks. `part` names the file in error messages. */
export function readPem(bytes: Buffer, part: string): PemBlock[] {
  const text = bytes.toString("utf8");
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const [whole, label, body] = m;
    const headers: Record<string, string> = {};
    const lines = body.split(/\r?\n/);
    let i = 0;
    for (; i < lines.length && lines[i].includes(":"); i++) {
      const [k, ...v] = lines[i].split(":");
      headers[k.trim()] = v.join(":").trim();
    }
    const base64 = lines.slice(i).join("").trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0)
      throw unparseable(`${part} (block ${blocks.length + 1}, ${label.toLowerCase()})`, "has invalid base64");
    blocks.push({ label, text: whole, der: Buffer.from(base64, "base64"), headers });
  }
  if (blocks.length === 0) throw unparseable(part, "has no complete PEM block (-----BEGIN … -----END …)");
  return blocks;
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
