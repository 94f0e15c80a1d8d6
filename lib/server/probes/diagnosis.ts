import type { ChainVerdict } from "@/lib/server/probes/chain-check";
import type { NotTls } from "@/lib/server/probes/first-bytes";
import { CIPHER_BY_NAME, type CipherName, isWeak } from "@/lib/tls/ciphers";
import type { ProbeCode } from "@/lib/tls/connection-test";
import { PROTOCOL_LABELS, sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";

/**
 * From what a probe observed to one stable code, one plain sentence and the fix. Pure: no sockets, no clock; the
 * probe gathers the facts (from Node, from the wire, from follow-up hellos) and this decides what they mean.
 */
export interface ProbeFacts {
  host: string;
  port: number;
  /** The name sent as SNI (when the profile sends SNI) and checked against the certificate. */
  name: string;
  timeoutMs: number;
  profile: {
    protocols: TlsProtocol[];
    /** The suites the profile offers (after the TLS 1.3 rule). */
    ciphers: CipherName[];
    insecure: boolean;
    sni: boolean;
  };
  /** The connection itself failed (the outbound guard's refusal or the socket's error). */
  dial?: { code: "dns_failed" | "refused" | "timeout" | "denied" | "unreachable" | "failed"; message: string };
  notTls?: NotTls;
  timedOut?: boolean;
  /** Whether the server said anything at all before the handshake ended. */
  answered: boolean;
  completed: boolean;
  serverHelloSeen: boolean;
  negotiated?: { protocol?: TlsProtocol; cipher?: CipherName; cipherIana?: string };
  /** The server's first fatal alert, and whether it came after the handshake completed (TLS 1.3 client auth). */
  serverAlert?: { description: number; name: string; afterHandshake: boolean };
  /** OpenSSL's reason when the handshake failed ("tlsv1 alert unknown ca", "wrong version number", …). */
  reason?: string;
  verifyError?: string;
  identityMismatch: boolean;
  chain: ChainVerdict;
  clientCertificate: {
    requested: boolean;
    /** We had a keystore to answer with. */
    sent: boolean;
    /** The CA the server must trust for our certificate: the issuer of our chain's top certificate. */
    issuer?: string;
    /** The server hung up without an alert once it had our certificate (Node's servers reject that way). */
    hungUpAfter?: boolean;
  };
  /** Protocols the server accepted when offered alone (follow-up hellos or the server profile), when known. */
  serverSpeaks?: TlsProtocol[];
  /** Suites the server accepts on the protocols both sides speak, when known. */
  serverSuites?: CipherName[];
  /** The profile sends no SNI, and a hello with SNI was accepted where one without was not. */
  sniNeeded?: boolean;
  /** "Check with a client profile": what the loopback listener saw. */
  serverView?: ServerView;
}

export interface ServerView {
  /** The listener's tlsClientError code, when it refused the client. */
  error?: string;
  mutual: "none" | "request" | "require";
  clientSentCertificate: boolean;
  clientAuthorized?: boolean;
  /** The listener dropped the connection without an error or an alert: Node's way of refusing an untrusted client. */
  droppedClient?: boolean;
}

interface Diagnosis {
  ok: boolean;
  code?: ProbeCode;
  message: string;
  fix?: string;
}

const label = (p: TlsProtocol) => PROTOCOL_LABELS[p];
const and = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
const protocols = (list: TlsProtocol[]) => and(sortProtocols(list).map(label)) + (list.length === 1 ? " only" : "");
const suites = (list: CipherName[], max = 6) =>
  and(list.slice(0, max)) + (list.length > max ? ` and ${list.length - max} more` : "");
const seconds = (ms: number) => `${ms / 1000} s`;

const CERTIFICATE_ALERTS = new Set([40, 42, 43, 44, 45, 46, 48, 49, 51, 116]);
const TRUST_ERRORS =
  /^(UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED)$/;

function fromDial(f: ProbeFacts, dial: NonNullable<ProbeFacts["dial"]>): Diagnosis {
  const at = `${f.host}:${f.port}`;
  switch (dial.code) {
    case "dns_failed":
      return {
        ok: false,
        code: "dns_failed",
        message: dial.message,
        fix: "Check the host name's spelling, or enter the gateway's IP address as the host and its name as the server name.",
      };
    case "refused":
      return {
        ok: false,
        code: "refused",
        message: `${at} refused the connection: nothing accepts connections on port ${f.port}.`,
        fix: "Check the port, and that the service is running on that host.",
      };
    case "timeout":
      return {
        ok: false,
        code: "timeout",
        message: `${at} did not accept a connection within ${seconds(f.timeoutMs)}.`,
        fix: "A firewall may be dropping the connection, or the host is down: check the address and port, and that this console's network may reach it.",
      };
    case "denied":
      return {
        ok: false,
        code: "denied",
        message: dial.message,
        fix: "Probes do not reach this console's own machine, link-local (cloud metadata) addresses or networks the operator closed, nor ports below 1024 other than the TLS ports, unless the operator lists the network in OUTBOUND_ALLOW.",
      };
    case "unreachable":
      return {
        ok: false,
        code: "unreachable",
        message: dial.message,
        fix: "No route leads from this console to that address: check the address, or the console's network and firewall.",
      };
    case "failed":
      return { ok: false, code: "handshake_failed", message: dial.message };
  }
}

function notTls(f: ProbeFacts, seen: NotTls): Diagnosis {
  const fix = seen.looksLike.startsWith("an HTTP")
    ? "This port serves plain http: use the https port (usually 443)."
    : seen.looksLike.includes("STARTTLS")
      ? "This port upgrades to TLS with STARTTLS, which the test does not speak: use the port with TLS from the start (465 for SMTP)."
      : "Use the port where the service speaks TLS from the first byte.";
  return {
    ok: false,
    code: "not_tls",
    message: `${f.host}:${f.port} answered, but not with TLS: it looks like ${seen.looksLike}.`,
    fix,
  };
}

function protocolMismatch(f: ProbeFacts): Diagnosis | null {
  if (!f.serverSpeaks) {
    if (
      f.serverAlert?.description !== 70 &&
      !/unsupported protocol|no protocols available|wrong ssl version/i.test(f.reason ?? "")
    )
      return null;
    return {
      ok: false,
      code: "protocol_mismatch",
      message: `The server refused every protocol the profile allows (${protocols(f.profile.protocols)}).`,
      fix: "Allow the protocol the server speaks in the profile; run the scan to see which that is.",
    };
  }
  if (f.serverSpeaks.length === 0 || f.serverSpeaks.some((p) => f.profile.protocols.includes(p))) return null;
  const best = sortProtocols(f.serverSpeaks).at(-1)!;
  const message = f.serverView
    ? `No protocol in common: the server profile allows ${protocols(f.serverSpeaks)}, the client profile ${protocols(f.profile.protocols)}.`
    : `No protocol in common: the server speaks ${protocols(f.serverSpeaks)}, the profile allows ${protocols(f.profile.protocols)}.`;
  const legacyOnly = f.serverSpeaks.every((p) => p === "tls_v1.0" || p === "tls_v1.1");
  return {
    ok: false,
    code: "protocol_mismatch",
    message,
    fix: legacyOnly
      ? `Better: upgrade the server to TLS 1.2 or 1.3. Otherwise allow ${label(best)} in the profile (deprecated, RFC 8996).`
      : `Allow ${label(best)} in the profile's protocols, or enable ${protocols(f.profile.protocols).replace(/ only$/, "")} on the server.`,
  };
}

function clientCertificate(f: ProbeFacts): Diagnosis | null {
  const view = f.serverView;
  const alert = f.serverAlert;
  const serverSaysMissing = view?.error === "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE";
  // The loopback listener's own word, when there is one, beats reading the client's side.
  const objected =
    (alert && CERTIFICATE_ALERTS.has(alert.description) && (alert.afterHandshake || f.serverHelloSeen)) ||
    (f.clientCertificate.hungUpAfter && (!view || view.error || view.droppedClient));
  if (!serverSaysMissing && !(f.clientCertificate.requested && objected)) return null;
  if (serverSaysMissing || !f.clientCertificate.sent) {
    return {
      ok: false,
      code: "client_certificate_required",
      message: "The server requires a client certificate (mutual TLS), and the client profile has no keystore.",
      fix: "Give the client profile a keystore whose certificate the server trusts.",
    };
  }
  const issuer = f.clientCertificate.issuer;
  const lacks = view
    ? `the server profile's truststore lacks the issuer of the client certificate${issuer ? ` ('${issuer}')` : ""}`
    : alert
      ? `the server answered "${alert.name}"`
      : "the server closed the connection as soon as it had it, without saying why";
  return {
    ok: false,
    code: "client_certificate_rejected",
    message: `The server rejected the client certificate: ${lacks}.`,
    fix: view
      ? `Add ${issuer ? `'${issuer}'` : "the client certificate's issuer"} to the server profile's truststore, or give the client profile a keystore it trusts.`
      : `Ask the server's operator to trust ${issuer ? `'${issuer}'` : "your certificate's issuer"}, or use a keystore whose certificate the server trusts (and that has not expired).`,
  };
}

function noSharedCipher(f: ProbeFacts): Diagnosis | null {
  const cipherFailure =
    /no shared cipher|no ciphers available|no suitable cipher/i.test(f.reason ?? "") ||
    (!f.serverHelloSeen && (f.serverAlert?.description === 40 || f.serverAlert?.description === 71));
  if (!f.serverSuites) {
    if (!cipherFailure || !/no shared cipher|no ciphers available/i.test(f.reason ?? "")) return null;
    return {
      ok: false,
      code: "no_shared_cipher",
      message: "The server and the profile have no cipher suite in common.",
      fix: "Run the scan to see the server's suites, then select one of them in the profile.",
    };
  }
  if (f.serverSuites.length === 0 || f.serverSuites.some((c) => f.profile.ciphers.includes(c))) return null;
  const strong = f.serverSuites.filter((c) => !isWeak(c));
  const pick = strong[0] ?? f.serverSuites[0];
  return {
    ok: false,
    code: "no_shared_cipher",
    message: `No cipher suite in common: the server accepts ${suites(f.serverSuites)}; the profile offers none of them.`,
    fix: `Select ${pick} (${CIPHER_BY_NAME.get(pick)!.iana}) in the profile${strong.length ? "" : ", though it is weak: better, enable a stronger suite on the server"}.`,
  };
}

function sni(f: ProbeFacts): Diagnosis | null {
  if (!f.sniNeeded && f.serverAlert?.description !== 112) return null;
  return f.profile.sni
    ? {
        ok: false,
        code: "unrecognized_name",
        message: `The server does not serve the name ${f.name} (it answered "unrecognized_name" to the SNI we sent).`,
        fix: "Enter the name the server is configured for as the server name, or add this name to the server's SNI configuration.",
      }
    : {
        ok: false,
        code: "unrecognized_name",
        message: "The server needs to know which name the client wants (SNI), and the profile sends none.",
        fix: "Turn on server name indication in the profile.",
      };
}

function failed(f: ProbeFacts): Diagnosis {
  if (f.timedOut) {
    return {
      ok: false,
      code: "timeout",
      message: f.answered
        ? `${f.host}:${f.port} started the handshake but did not finish it within ${seconds(f.timeoutMs)}.`
        : `${f.host}:${f.port} accepted the connection but never answered the ClientHello within ${seconds(f.timeoutMs)}.`,
      fix: f.answered
        ? "The server or a middlebox stalls mid-handshake: check the server's logs."
        : "The port may speak a protocol where the client waits for the server, or a middlebox swallows TLS: check the port.",
    };
  }
  return (
    protocolMismatch(f) ??
    sni(f) ??
    clientCertificate(f) ??
    noSharedCipher(f) ?? {
      ok: false,
      code: "handshake_failed",
      message: f.serverAlert
        ? `The handshake failed: the server answered "${f.serverAlert.name}"${f.reason ? ` (${f.reason})` : ""}.`
        : `The handshake failed${f.reason ? `: ${f.reason}` : ""}.`,
      fix: "Compare the profile with the server's TLS configuration; the scan shows which protocols and suites the server accepts.",
    }
  );
}

/** The certificate verdict that makes a completed handshake fail (unless the profile is insecure). */
function certificateFailure(f: ProbeFacts): Diagnosis | null {
  const { chain } = f;
  const code = f.verifyError;
  if (code === "CERT_HAS_EXPIRED" && chain.expired) {
    const { name, days } = chain.expired;
    return {
      ok: false,
      code: "certificate_expired",
      message: `The server's certificate '${name}' expired ${days} days ago.`,
      fix: `Renew '${name}' on the server.`,
    };
  }
  if (code === "CERT_NOT_YET_VALID" && chain.notYetValid) {
    const { name, days } = chain.notYetValid;
    return {
      ok: false,
      code: "certificate_not_yet_valid",
      message: `The server's certificate '${name}' becomes valid only in ${days} days.`,
      fix: "Check the server's certificate dates and this console's clock; install a certificate that is valid now.",
    };
  }
  // A check has two profiles on the page: name the one whose truststore decides.
  const truststore = f.serverView ? "the client profile's truststore" : "the profile's truststore";
  if (code && TRUST_ERRORS.test(code) && chain.missingIssuer) {
    return {
      ok: false,
      code: "incomplete_chain",
      message: `The server did not send '${chain.missingIssuer}', which issued its certificate, and ${truststore} does not hold it: the chain stops short of a trusted root.`,
      fix: f.serverView
        ? `If '${chain.missingIssuer}' is a root CA, add it to the client profile's truststore (give the profile one if it has none); if it is an intermediate, put it after the certificate in the server profile's keystore.`
        : `Configure the server to send '${chain.missingIssuer}' after its own certificate (the full chain). If '${chain.missingIssuer}' is your own root CA, add it to ${truststore} instead.`,
    };
  }
  if (code && TRUST_ERRORS.test(code)) {
    const ca = chain.untrustedIssuer;
    const Truststore = truststore[0].toUpperCase() + truststore.slice(1);
    return {
      ok: false,
      code: "unknown_ca",
      message: !ca
        ? `The server's certificate is not trusted by ${truststore} (${code}).`
        : chain.untrustedSelfSigned
          ? `The server presents '${ca}', a self-signed certificate (no CA issued it), and ${truststore} does not hold it.`
          : `${Truststore} lacks '${ca}', the certificate authority behind the server's certificate.`,
      fix: !ca
        ? `Add the server's issuing CA to ${truststore}.`
        : chain.untrustedSelfSigned
          ? `Add the server's own certificate '${ca}' to ${truststore}, or give the server a certificate from a CA it holds.`
          : `Add '${ca}' to ${truststore}.`,
    };
  }
  if (code) {
    return {
      ok: false,
      code: "handshake_failed",
      message: `The server's certificate did not verify (${code}).`,
      fix: "Install a valid certificate on the server.",
    };
  }
  if (f.identityMismatch) {
    const names = chain.sans.map((s) => s.replace(/^(DNS|IP Address):/, ""));
    return {
      ok: false,
      code: "hostname_mismatch",
      message: `The server's certificate is not valid for ${f.name}; it names ${names.length ? and(names) : "no alternative names"}.`,
      fix: names.length
        ? `Connect with one of those names (enter it as the server name), or install a certificate that names ${f.name}.`
        : `Install a certificate whose subject alternative names include ${f.name}.`,
    };
  }
  return null;
}

/** Chain problems a forgiving client lives with, told on success. */
const NOTE_CODES = new Set(["wrong_order", "unrelated_certificate", "too_many_certificates"]);

function succeeded(f: ProbeFacts): Diagnosis {
  const negotiated = f.negotiated;
  const how = `Connected with ${negotiated?.protocol ? label(negotiated.protocol) : "TLS"} and ${negotiated?.cipher ?? negotiated?.cipherIana ?? "an unknown suite"}.`;
  const view = f.serverView;
  const unverifiedClient =
    view?.mutual === "request" && view.clientSentCertificate && view.clientAuthorized === false
      ? " The server profile only requests client certificates and does not trust this one: the client is not authenticated."
      : "";
  const failure = certificateFailure(f);
  if (failure && f.profile.insecure) {
    return {
      ok: true,
      message: `${how} The server's certificate would be refused (${failure.message}), but the profile accepts any server certificate (insecure server connections).${unverifiedClient}`,
      fix: `${failure.fix} Then turn off insecure server connections.`,
    };
  }
  if (failure) return failure;
  const notes = f.chain.problems.filter((p) => NOTE_CODES.has(p.code));
  if (notes.length) {
    return {
      ok: true,
      message: `${how} The chain works here but has problems other clients may not forgive: ${notes.map((p) => p.message).join(" ")}${unverifiedClient}`,
      fix: "Configure the server to send its certificate first, then each issuer in turn, and nothing else.",
    };
  }
  return { ok: true, message: how + unverifiedClient };
}

export function diagnose(f: ProbeFacts): Diagnosis {
  if (f.dial) return fromDial(f, f.dial);
  if (f.notTls) return notTls(f, f.notTls);
  if (!f.completed) return failed(f);
  return clientCertificate(f) ?? succeeded(f);
}
