import type { Metadata } from "next";
import { KeystoreCreate } from "@/components/keystores/keystore-create";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Create keystore" };

export default async function NewKeystorePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await pageOrg((await params).org, OPERATIONS.createKeystore);
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Keystores</p>
        <h1>Create keystore</h1>
      </header>
      <KeystoreCreate org={ctx.org.name} now={new Date().toISOString()} />
    </div>
  );
}
