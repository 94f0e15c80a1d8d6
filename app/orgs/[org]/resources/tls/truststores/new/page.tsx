import type { Metadata } from "next";
import { MaterialUploadForm } from "@/components/tls/material-upload-form";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Create truststore" };

export default async function NewTruststorePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await pageOrg((await params).org, OPERATIONS.createTruststore);
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Truststores</p>
        <h1>Create truststore</h1>
      </header>
      <MaterialUploadForm org={ctx.org.name} mode="create-truststore" now={new Date().toISOString()} />
    </div>
  );
}
