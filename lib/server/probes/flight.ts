import "server-only";
import { RecordOpener } from "@/lib/server/probes/tls13-records";
import {
  type Alert,
  CONTENT,
  HANDSHAKE,
  HandshakeStream,
  parseAlerts,
  parseCertificates,
  parseServerHello,
  readRecords,
  type ServerHello,
  TLS13,
} from "@/lib/server/probes/tls-wire";

/** What one side sent during (and just after) the handshake, as read from the bytes on the wire. */
export interface Flight {
  serverHello?: ServerHello;
  /** DER certificates in the order sent; null when none was seen (or it stayed sealed). */
  certificates: Buffer[] | null;
  certificateRequested: boolean;
  alerts: Alert[];
  sessionTicket: boolean;
  applicationData: boolean;
  /** Protected TLS 1.3 records we could not open (no secret for them): what they held is unknown. */
  sealed: boolean;
}

/** One direction's TLS 1.3 traffic secrets, as our own client logged them. */
interface TrafficSecrets {
  handshake?: Buffer;
  application?: Buffer;
}

type Phase = "plain" | "handshake" | "application" | "opaque";

/**
 * Reads one direction of a connection. The server's direction finds version and suite in its ServerHello; the
 * client's is given them. TLS ≤ 1.2 encrypts only after ChangeCipherSpec (nothing we need follows); TLS 1.3 records
 * are opened with the handshake secret until Finished, then with the application secret.
 */
export function readFlight(
  bytes: Buffer,
  secrets: TrafficSecrets,
  negotiated?: { version: number; cipherSuite: number },
): Flight {
  const flight: Flight = {
    certificates: null,
    certificateRequested: false,
    alerts: [],
    sessionTicket: false,
    applicationData: false,
    sealed: false,
  };
  let version = negotiated?.version;
  let suite = negotiated?.cipherSuite;
  let phase: Phase = "plain";
  let opener: RecordOpener | null = null;
  const stream = new HandshakeStream();
  const enter = (next: Phase, secret: Buffer | undefined) => {
    phase = next;
    opener = secret && suite !== undefined ? RecordOpener.for(suite, secret) : null;
  };

  const onHandshake = (content: Buffer) => {
    for (const message of stream.push(content)) {
      if (message.type === HANDSHAKE.serverHello) {
        const hello = parseServerHello(message.body);
        if (!hello) continue;
        flight.serverHello = hello;
        version = hello.version;
        suite = hello.cipherSuite;
      } else if (message.type === HANDSHAKE.certificate) {
        flight.certificates = parseCertificates(message.body, version === TLS13);
      } else if (message.type === HANDSHAKE.certificateRequest) {
        flight.certificateRequested = true;
      } else if (message.type === HANDSHAKE.newSessionTicket) {
        flight.sessionTicket = true;
      } else if (message.type === HANDSHAKE.finished && version === TLS13) {
        enter("application", secrets.application);
      }
    }
  };

  for (const record of readRecords(bytes)) {
    if (phase === "opaque") break;
    if (record.type === CONTENT.changeCipherSpec) {
      // TLS 1.3 sends it only for middlebox compatibility; in TLS ≤ 1.2 it starts encryption.
      if (version !== TLS13) phase = "opaque";
      continue;
    }
    let type = record.type;
    let content = record.fragment;
    if (version === TLS13 && type === CONTENT.applicationData) {
      if (phase === "plain") enter("handshake", secrets.handshake);
      const opened = (opener as RecordOpener | null)?.open(record.header, record.fragment);
      if (!opened) {
        flight.sealed = true;
        continue;
      }
      ({ type, content } = opened);
    }
    if (type === CONTENT.alert) flight.alerts.push(...parseAlerts(content));
    else if (type === CONTENT.handshake) onHandshake(content);
    else if (type === CONTENT.applicationData) flight.applicationData = true;
  }
  return flight;
}
