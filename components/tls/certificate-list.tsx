import type { ReactNode } from "react";
import type { CertificateDto } from "@/lib/tls/store-dto";
import { ExpiryCell } from "./cells";

interface Props {
  certificates: CertificateDto[];
  /** "chain" labels leaf, intermediates and root; "bundle" numbers them; "sent" gives the position a server sent it at. */
  layout: "chain" | "bundle" | "sent";
  now: string;
  /** A control per certificate (e.g. "Remove" in a truststore). */
  action?: (c: CertificateDto) => ReactNode;
}

function roleOf(c: CertificateDto, i: number, count: number, layout: Props["layout"]): string {
  if (layout === "bundle") return `Certificate ${i + 1}`;
  if (layout === "sent") return i === 0 ? "Position 0 (leaf)" : `Position ${i}`;
  if (i === 0) return "Leaf certificate";
  return i === count - 1 && c.self_signed ? "Root CA" : `Intermediate ${i}`;
}

/** Every fact a reviewer needs to recognise a certificate, public material only. */
export function CertificateList({ certificates, layout, now, action }: Props) {
  const at = new Date(now);
  return (
    <ol className="certificate-list">
      {certificates.map((c, i) => (
        <li key={c.sha256_fingerprint} className="certificate-card">
          <header className="certificate-card__header">
            <h3>
              {roleOf(c, i, certificates.length, layout)}: {c.subject}
            </h3>
            {action?.(c)}
          </header>
          <dl className="certificate-card__facts">
            <dt>Issuer</dt>
            <dd>{c.issuer}</dd>
            <dt>Serial number</dt>
            <dd className="mono">{c.serial_number}</dd>
            <dt>Subject alternative names</dt>
            <dd>{c.subject_alt_names.length ? c.subject_alt_names.join(", ") : "None"}</dd>
            <dt>Public key</dt>
            <dd>
              {c.key_type} {c.key_bits}
              {c.is_ca ? " · CA" : ""}
            </dd>
            <dt>Signature algorithm</dt>
            <dd>{c.signature_algorithm}</dd>
            <dt>Valid from</dt>
            <dd>
              <time dateTime={c.not_before}>{c.not_before.slice(0, 10)}</time>
            </dd>
            <dt>Valid until</dt>
            <dd>
              <ExpiryCell notAfter={c.not_after} now={at} />
            </dd>
            <dt>SHA-256 fingerprint</dt>
            <dd className="mono fingerprint">{c.sha256_fingerprint}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
