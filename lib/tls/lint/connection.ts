import type { MutualAuthentication } from "../server-profile-schema";
import type { Finding } from "./finding";

/** A client profile's trust switches: both weaken what a client learns about the server it reaches. */
export function lintClientConnection(p: {
  insecure_server_connections: boolean;
  server_name_indication: boolean;
}): Finding[] {
  const findings: Finding[] = [];
  if (p.insecure_server_connections)
    findings.push({
      code: "client.insecure_server_connections",
      severity: "critical",
      message:
        "Insecure server connections are allowed: self-signed, expired and untrusted server certificates are accepted, so anyone on the path can impersonate the server.",
      fix: 'Turn off "Allow insecure server connections" and select a truststore holding the server\'s CA.',
    });
  if (!p.server_name_indication)
    findings.push({
      code: "client.sni_disabled",
      severity: "warning",
      message:
        "Server Name Indication is off: servers hosting several names cannot pick the right certificate, and many refuse the handshake.",
      fix: "Turn on Server Name Indication unless a named peer breaks with it.",
    });
  return findings;
}

/** "request" lets clients without a certificate in: fine for optional identification, not for access control. */
export function lintServerConnection(p: { mutual_authentication: MutualAuthentication }): Finding[] {
  if (p.mutual_authentication !== "request") return [];
  return [
    {
      code: "server.mutual_tls_request",
      severity: "info",
      message:
        'Mutual authentication is "request": clients without a certificate are let in, so the handshake does not prove who the client is.',
      fix: 'Choose "require" if only clients with a trusted certificate may connect.',
    },
  ];
}
