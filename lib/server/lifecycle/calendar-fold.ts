/**
 * RFC 5545 §3.1 line folding exactly as ical-generator's `foldLines` does it (a line reaching 75 octets continues on
 * the next, which starts with a space; a character is never split), in one pass: the library's own encodes each
 * character with a new TextEncoder, about 1 ms per event, which would hold the event loop for seconds on a large
 * feed. calendar-fold.test.ts checks the two agree on arbitrary text.
 */
export function foldLines(text: string): string {
  return text.split("\r\n").map(foldLine).join("\r\n");
}

function foldLine(line: string): string {
  // A UTF-16 unit is at most 3 octets, so 24 units cannot reach 75 octets.
  if (line.length <= 24 || Buffer.byteLength(line) <= 74) return line;
  let out = "";
  let octets = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    octets += size;
    if (octets > 74) {
      out += "\r\n ";
      octets = size;
    }
    out += ch;
  }
  return out;
}
