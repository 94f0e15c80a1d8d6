import type { Metadata } from "next";
import { MaterialUploadForm } from "@/components/tls/material-upload-form";
import { OPERATIONS } from "@/lib/auth/operations";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";
import { getTruststore } from "@/lib/server/stores/truststores";

export const metadata: Metadata = { title: "Add certificates" };

export default async function AddCertificatesPage({ params }: { params: Promise<{ org: string; name: string }> }) {
  const { org, name } = await params;
  const ctx = await pageOrg(org, OPERATIONS.addTruststoreCertificates);
  const truststore = await orNotFound(getTruststore(ctx, name));
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Truststores · {truststore.title}</p>
        <h1>Add certificates</h1>
        <p>Certificates already in the truststore (same SHA-256 fingerprint) are kept once.</p>
      </header>
      <MaterialUploadForm
        org={ctx.org.name}
        mode="add-certificates"
        target={{ name: truststore.name, rowVersion: truststore.row_version }}
        now={new Date().toISOString()}
      />
    </div>
  );
}
