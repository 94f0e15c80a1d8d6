import { describe, expect, it } from "vitest";
import { sniff } from "@/lib/server/probes/first-bytes";

describe("what a port speaks instead of TLS", () => {
  it.each([
    ["HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n", "an HTTP server (plain http, not https)"],
    ["SSH-2.0-OpenSSH_9.2p1 Debian\r\n", "an SSH server"],
    ["220 mx.example.com ESMTP Postfix\r\n", "an SMTP mail server (STARTTLS, not TLS from the start)"],
    ["220 ProFTPD Server ready.\r\n", "an FTP server"],
    ["+OK Dovecot ready.\r\n", "a POP3 mail server"],
    ["* OK [CAPABILITY IMAP4rev1] ready\r\n", "an IMAP mail server"],
    ["-ERR unknown command\r\n", "a Redis server"],
  ])("%j", (text, looksLike) => {
    expect(sniff(Buffer.from(text)).looksLike).toBe(looksLike);
  });

  it("keeps only the kind of service, never its bytes", () => {
    const seen = sniff(Buffer.from("SSH-2.0-OpenSSH_9.2p1 token=hunter2\r\nSecret: yes"));
    expect(seen).toEqual({ looksLike: "an SSH server" });
  });

  it("recognizes a MySQL greeting, and says 'something other than TLS' otherwise", () => {
    expect(sniff(Buffer.from([0x4a, 0, 0, 0, 10, 0x38, 0x2e])).looksLike).toBe("a MySQL server");
    expect(sniff(Buffer.from([0xff, 0xfe, 0x01])).looksLike).toBe("something other than TLS");
  });
});
