import type { Metadata } from "next";
import Link from "next/link";
import { Tag } from "@/components/carbon";
import { CertificateList } from "@/components/tls/certificate-list";
import { FindingsSection } from "@/components/tls/findings";
import { MaterialWarnings } from "@/components/tls/material-warnings";
import { warningsBesideFindings } from "@/lib/tls/lint/stored-certificate";
import { StoreActions } from "@/components/tls/store-actions";
import { UsedBy } from "@/components/tls/used-by";
import { CertificateRequest } from "@/components/keystores/certificate-request";
import { CompleteKeystoreForm } from "@/components/keystores/complete-keystore-form";
import { KeystoreVersions } from "@/components/rotation/keystore-versions";
import { RotationPanel } from "@/components/rotation/rotation-panel";
import { keystoreCsrPem } from "@/lib/server/stores/keystore-generation";
import { findPending, pendingCsrPem } from "@/lib/server/stores/keystore-pending";
import { listKeystoreVersions } from "@/lib/server/stores/keystore-versions";
import { may, OPERATIONS } from "@/lib/auth/operations";
import { getKeystore } from "@/lib/server/stores/keystores";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Keystore" };

/** Details: the public chain, where it is used, and (for managers) rotation and deletion. Never the key. */
export default async function KeystorePage({ params }: { params: Promise<{ org: string; name: string }> }) {
  const { org, name } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewKeystores);
  const keystore = await orNotFound(getKeystore(ctx, name));
  const canManage = may(ctx.role.permissions, "updateKeystore");
  const base = `/orgs/${ctx.org.name}/resources/tls/keystores`;
  const api = `/api/orgs/${ctx.org.name}/keystores/${keystore.name}`;
  const awaiting = keystore.state === "awaiting_certificate" && keystore.csr;
  const canComplete = may(ctx.role.permissions, "completeKeystore");
  // Staged rotation and versions (ADR 026): for active keystores that may change.
  const rotatable = !awaiting && !keystore.is_default;
  const pending = rotatable ? await findPending(ctx, keystore.name) : null;
  const versions = rotatable ? (await listKeystoreVersions(ctx, keystore.name)).results : [];
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Keystores</p>
        <h1>
          {keystore.title}{" "}
          {keystore.is_default && (
            <Tag type="blue" size="md">
              Default
            </Tag>
          )}
          {awaiting && (
            <Tag type="purple" size="md">
              Awaiting certificate
            </Tag>
          )}
        </h1>
        <p>
          {keystore.name} · {keystore.key_type} private key (encrypted at rest, never downloadable) · last changed by{" "}
          {keystore.updated_by}
        </p>
        {keystore.summary && <p>{keystore.summary}</p>}
      </header>
      <div className="details-actions">
        {!awaiting && (
          <a className="cds--btn cds--btn--tertiary cds--btn--sm" href={`${api}/chain.pem`} download>
            Download certificate chain (PEM)
          </a>
        )}
        {canManage && !keystore.is_default && !awaiting && (
          <Link className="cds--btn cds--btn--primary cds--btn--sm" href={`${base}/${keystore.name}/rotate`}>
            Replace key and certificates
          </Link>
        )}
        {canManage && (
          <StoreActions org={ctx.org.name} kind="keystore" store={keystore} inUse={keystore.used_by?.length ?? 0} />
        )}
      </div>
      {keystore.is_default && (
        <p className="default-note">Default keystore: created at installation; it cannot be edited or deleted.</p>
      )}
      {/* Lint reads the certificate chain: until one is uploaded there is nothing it could have found. */}
      {!(awaiting && keystore.findings.length === 0) && (
        <FindingsSection findings={keystore.findings} subject="keystore" />
      )}
      {awaiting ? (
        <>
          <CertificateRequest
            csr={keystore.csr!}
            pem={await keystoreCsrPem(ctx, keystore.name)}
            downloadHref={`${api}/csr.pem`}
          />
          {canComplete && (
            <CompleteKeystoreForm
              org={ctx.org.name}
              target={{ name: keystore.name, rowVersion: keystore.row_version }}
            />
          )}
        </>
      ) : (
        <>
          <MaterialWarnings warnings={warningsBesideFindings("keystore", keystore.warnings ?? [])} />
          <UsedBy org={ctx.org.name} dependants={keystore.used_by ?? []} />
          <section aria-labelledby="chain-title">
            <h2 id="chain-title">Certificate chain</h2>
            <CertificateList certificates={keystore.certificates ?? []} layout="chain" now={new Date().toISOString()} />
          </section>
          {rotatable && (
            <>
              <RotationPanel
                org={ctx.org.name}
                keystore={{ name: keystore.name, rowVersion: keystore.row_version }}
                pending={pending}
                csrPem={pending?.state === "awaiting_certificate" ? await pendingCsrPem(ctx, keystore.name) : null}
                canManage={may(ctx.role.permissions, "prepareKeystoreRotation")}
                profilesUsing={keystore.used_by?.length ?? 0}
                now={new Date().toISOString()}
              />
              <KeystoreVersions
                org={ctx.org.name}
                keystore={keystore.name}
                versions={versions}
                canRestore={may(ctx.role.permissions, "restoreKeystoreVersion")}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
