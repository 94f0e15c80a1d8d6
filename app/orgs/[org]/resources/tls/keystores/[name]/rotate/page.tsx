import type { Metadata } from "next";
import { MaterialUploadForm } from "@/components/tls/material-upload-form";
import { OPERATIONS } from "@/lib/auth/operations";
import { getKeystore } from "@/lib/server/stores/keystores";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Replace key and certificates" };

/** Rotation: the new material is checked and shown beside the current chain before anything changes. */
export default async function RotateKeystorePage({ params }: { params: Promise<{ org: string; name: string }> }) {
  const { org, name } = await params;
  const ctx = await pageOrg(org, OPERATIONS.rotateKeystore);
  const keystore = await orNotFound(getKeystore(ctx, name));
  const using = keystore.used_by?.length ?? 0;
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Keystores · {keystore.title}</p>
        <h1>Replace key and certificates</h1>
        <p>
          {using === 0
            ? "No profile uses this keystore yet; the new material replaces the current one at once."
            : `The keystore keeps its name, so ${using === 1 ? "the profile using it picks" : `the ${using} profiles using it pick`} up the new material at once.`}
        </p>
      </header>
      <MaterialUploadForm
        org={ctx.org.name}
        mode="rotate-keystore"
        target={{ name: keystore.name, rowVersion: keystore.row_version }}
        current={keystore.certificates}
        now={new Date().toISOString()}
      />
    </div>
  );
}
