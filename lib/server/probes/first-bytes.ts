/**
 * What a port that does not answer with TLS seems to speak, judged from its first bytes. Only the kind is kept, never
 * the bytes: the answer comes from an arbitrary service (a banner may carry a version, a token) and the result is
 * kept in a history everyone who may view settings reads.
 */
export interface NotTls {
  /** "an HTTP server (plain http)", "an SSH server", …; "something other than TLS" when unknown. */
  looksLike: string;
}

const KINDS: { test: RegExp; looksLike: string }[] = [
  { test: /^HTTP\/\d/, looksLike: "an HTTP server (plain http, not https)" },
  { test: /^SSH-\d/, looksLike: "an SSH server" },
  {
    test: /^220[ -].*(SMTP|mail|Postfix|Exim|Sendmail)/i,
    looksLike: "an SMTP mail server (STARTTLS, not TLS from the start)",
  },
  { test: /^220[ -].*FTP/i, looksLike: "an FTP server" },
  { test: /^220[ -]/, looksLike: "a service that greets with 220 (SMTP or FTP)" },
  { test: /^\+OK/, looksLike: "a POP3 mail server" },
  { test: /^\* OK/, looksLike: "an IMAP mail server" },
  { test: /^RFB \d/, looksLike: "a VNC server" },
  { test: /^-ERR|^\+PONG|^-NOAUTH/, looksLike: "a Redis server" },
];

export function sniff(bytes: Buffer): NotTls {
  const text = bytes.subarray(0, 200).toString("latin1");
  const kind = KINDS.find((k) => k.test.test(text));
  // MySQL's greeting: a 3-byte length, sequence 0, then protocol version 10.
  const mysql = bytes.length > 5 && bytes[3] === 0 && bytes[4] === 10;
  const looksLike = kind?.looksLike ?? (mysql ? "a MySQL server" : "something other than TLS");
  return { looksLike };
}
