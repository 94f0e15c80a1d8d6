import type { ConnectionTestResult } from "@/lib/tls/connection-test";

/** Where the fix of a failed run is made: a field on this page (by id) or the client profile's own page. */
export type FixTarget = { field: string; label: string } | { href: string; label: string };

interface Where {
  /** The profile's form above is editable (Settings: Manage and not a protected default). */
  editable: boolean;
  /** "Check with a client profile": the client profile (`name:version`) and its page, where its stores change. */
  client?: { ref: string; href: string };
}

/** With a scan, the checkbox of the newest protocol the server accepts; without, the first of the group. */
function protocolField(r: ConnectionTestResult): string {
  const spoken = r.scan?.protocols.filter((p) => p.server_accepts).at(-1);
  return `protocol-${spoken?.protocol ?? "tls_v1.0"}`;
}

/** A test from a client profile's page: the test's own fields, or the profile's fields above it. */
function forTest(r: ConnectionTestResult, { editable }: Where): FixTarget | null {
  const profile = (field: string, label: string) => (editable ? { field, label } : null);
  switch (r.code) {
    case "dns_failed":
      return { field: "probe-host", label: "Host" };
    case "denied":
      return r.field === "port" ? { field: "probe-port", label: "Port" } : { field: "probe-host", label: "Host" };
    case "refused":
    case "not_tls":
      return { field: "probe-port", label: "Port" };
    case "hostname_mismatch":
      return { field: "probe-server_name", label: "Server name" };
    case "unknown_ca":
    case "incomplete_chain":
      return profile("truststore_url", "Truststore");
    case "client_certificate_required":
    case "client_certificate_rejected":
      return profile("keystore_url", "Keystore");
    case "protocol_mismatch":
      return profile(protocolField(r), "Protocols");
    case "no_shared_cipher": {
      // Without a scan the fix is to run one; with it, a suite the server accepts is what to select.
      const accepted = r.scan?.ciphers.find((c) => c.server_accepts);
      if (!accepted) return { field: "probe-scan", label: "Scan server" };
      return profile(`cipher-${accepted.name}`, accepted.name);
    }
    default:
      return null;
  }
}

/** A check from a server profile's page: the client profile is changed on its own page, the server one above. */
function forCheck(r: ConnectionTestResult, editable: boolean, client: { ref: string; href: string }): FixTarget | null {
  switch (r.code) {
    case "client_certificate_rejected":
      return editable ? { field: "truststore_url", label: "Truststore" } : null;
    case "hostname_mismatch":
      return { field: "check-server_name", label: "Server name" };
    case "client_certificate_required":
    case "unknown_ca":
    case "incomplete_chain":
      return { href: client.href, label: `Open client profile ${client.ref}` };
    default:
      return null;
  }
}

/** The control a failed run's fix points at, when the fix is made in one place the console can take the user to. */
export function fixTarget(r: ConnectionTestResult, where: Where): FixTarget | null {
  if (r.ok) return null;
  return where.client ? forCheck(r, where.editable, where.client) : forTest(r, where);
}
