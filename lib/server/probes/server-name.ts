import "server-only";
import { isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { hostName } from "@/lib/server/outbound/destination";

/**
 * The server name a test sends as SNI and checks the certificate against: a host name in its ASCII (punycode) form,
 * as RFC 6066 requires on the wire. An address, empty labels ("a..b") or a label too long are refused at the field.
 */
export function serverNameToSend(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const ascii = hostName(raw);
  if (ascii && isIP(ascii) === 0) return ascii;
  const message =
    ascii && isIP(ascii) !== 0
      ? "An address is never sent as SNI: enter the host name the certificate names, such as api.example.com."
      : "A server name is a host name, such as api.example.com: letters, digits and hyphens between dots.";
  throw new AppError("VALIDATION", message, [{ field: "server_name", message }]);
}
