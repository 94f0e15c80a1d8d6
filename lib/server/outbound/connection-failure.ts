import "server-only";
import { OutboundRefused } from "@/lib/server/outbound/destination";

const UNTRUSTED_CERTIFICATE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_TLS_CERT_ALTNAME_INVALID$)/;

function reason(code: string | undefined, port: number): string {
  if (code === "ECONNREFUSED") return `refused the connection (nothing accepts connections on port ${port})`;
  if (code === "ECONNRESET" || code === "EPIPE") return "closed the connection";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "cannot be reached from this server";
  if (code && UNTRUSTED_CERTIFICATE.test(code)) return `presented a certificate that is not trusted (${code})`;
  return `could not be connected to (${code ?? "connection error"})`;
}

/**
 * A socket or TLS error as a typed refusal in plain words. Our own refusals pass through; the original error stays
 * as `cause` (a probe reports the certificate error code it carries).
 */
export function connectionFailure(error: unknown, host: string, port: number): OutboundRefused {
  if (error instanceof OutboundRefused) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new OutboundRefused("CONNECTION_FAILED", `${host} ${reason(code, port)}.`, { cause: error });
}
