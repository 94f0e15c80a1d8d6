import { CodeSnippet } from "@/components/carbon";
import type { CsrSummary } from "@/lib/tls/store-dto";
import styles from "./keystores.module.scss";

const USAGE: Record<CsrSummary["usage"], string> = {
  server: "Server (serverAuth)",
  client: "Client (clientAuth)",
  both: "Server and client (serverAuth, clientAuth)",
};

/** What a keystore's CSR asks for, the CSR itself to copy, and its download. The key is never shown. */
export function CertificateRequest({ csr, pem, downloadHref }: { csr: CsrSummary; pem: string; downloadHref: string }) {
  return (
    <section aria-labelledby="csr-title" className={styles.request}>
      <h2 id="csr-title">Certificate signing request</h2>
      <p>Send this request to your certificate authority; then upload the certificate it issues.</p>
      <dl>
        <dt>Subject</dt>
        <dd>{csr.subject}</dd>
        <dt>Subject alternative names</dt>
        <dd>{csr.subject_alt_names.length ? csr.subject_alt_names.join(", ") : "None"}</dd>
        <dt>Usage</dt>
        <dd>{USAGE[csr.usage]}</dd>
        <dt>Key</dt>
        <dd>{csr.key_type}, generated here and never downloadable</dd>
        <dt>Requested by</dt>
        <dd>
          {csr.created_by} on {csr.created_at.slice(0, 10)}
        </dd>
      </dl>
      <CodeSnippet
        type="multi"
        feedback="Copied"
        aria-label="Certificate signing request (PEM)"
        // Shown whole (a CSR is at most some 30 lines) and wrapped: a scrolling region inside would need its own focus.
        wrapText
        maxCollapsedNumberOfRows={0}
        maxExpandedNumberOfRows={0}
      >
        {pem}
      </CodeSnippet>
      <div className={styles.csrActions}>
        <a className="cds--btn cds--btn--tertiary cds--btn--sm" href={downloadHref} download>
          Download CSR (PEM)
        </a>
      </div>
    </section>
  );
}
