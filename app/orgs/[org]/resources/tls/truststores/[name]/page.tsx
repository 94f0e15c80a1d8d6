import type { Metadata } from "next";
import Link from "next/link";
import { Tag } from "@/components/carbon";
import { CertificateList } from "@/components/tls/certificate-list";
import { FindingsSection } from "@/components/tls/findings";
import { MaterialWarnings } from "@/components/tls/material-warnings";
import { warningsBesideFindings } from "@/lib/tls/lint/stored-certificate";
import { RemoveCertificateButton } from "@/components/tls/remove-certificate-button";
import { StoreActions } from "@/components/tls/store-actions";
import { UsedBy } from "@/components/tls/used-by";
import { may, OPERATIONS } from "@/lib/auth/operations";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";
import { getTruststore } from "@/lib/server/stores/truststores";
import { listTruststoreVersions } from "@/lib/server/stores/truststore-versions";
import { TruststoreVersions } from "@/components/rotation/truststore-versions";

export const metadata: Metadata = { title: "Truststore" };

export default async function TruststorePage({ params }: { params: Promise<{ org: string; name: string }> }) {
  const { org, name } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewTruststores);
  const truststore = await orNotFound(getTruststore(ctx, name));
  const canManage = may(ctx.role.permissions, "updateTruststore");
  const editable = canManage && !truststore.is_default;
  const now = new Date();
  const certificates = truststore.certificates ?? [];
  const versions = truststore.is_default ? [] : (await listTruststoreVersions(ctx, truststore.name)).results;
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Truststores</p>
        <h1>
          {truststore.title}{" "}
          {truststore.is_default && (
            <Tag type="blue" size="md">
              Default
            </Tag>
          )}
        </h1>
        <p>
          {truststore.name} · {certificates.length} certificate{certificates.length === 1 ? "" : "s"} · last changed by{" "}
          {truststore.updated_by}
        </p>
        {truststore.summary && <p>{truststore.summary}</p>}
      </header>
      <div className="details-actions">
        <a
          className="cds--btn cds--btn--tertiary cds--btn--sm"
          href={`/api/orgs/${ctx.org.name}/truststores/${truststore.name}/truststore.pem`}
          download
        >
          Download certificates (PEM)
        </a>
        {editable && (
          <Link
            className="cds--btn cds--btn--primary cds--btn--sm"
            href={`/orgs/${ctx.org.name}/resources/tls/truststores/${truststore.name}/add`}
          >
            Add certificates
          </Link>
        )}
        {canManage && (
          <StoreActions
            org={ctx.org.name}
            kind="truststore"
            store={truststore}
            inUse={truststore.used_by?.length ?? 0}
          />
        )}
      </div>
      {truststore.is_default && (
        <p className="default-note">Default truststore: created at installation; it cannot be edited or deleted.</p>
      )}
      <FindingsSection findings={truststore.findings} subject="truststore" />
      <MaterialWarnings warnings={warningsBesideFindings("truststore", truststore.warnings ?? [])} />
      <UsedBy org={ctx.org.name} dependants={truststore.used_by ?? []} />
      <section aria-labelledby="certs-title">
        <h2 id="certs-title">Certificates</h2>
        <CertificateList
          certificates={certificates}
          layout="bundle"
          now={now.toISOString()}
          action={
            editable && certificates.length > 1
              ? (c) => (
                  <RemoveCertificateButton
                    org={ctx.org.name}
                    target={{ name: truststore.name, rowVersion: truststore.row_version }}
                    certificate={c}
                  />
                )
              : undefined
          }
        />
      </section>
      {!truststore.is_default && (
        <TruststoreVersions
          org={ctx.org.name}
          truststore={truststore.name}
          versions={versions}
          canRestore={may(ctx.role.permissions, "restoreTruststoreVersion")}
        />
      )}
    </div>
  );
}
