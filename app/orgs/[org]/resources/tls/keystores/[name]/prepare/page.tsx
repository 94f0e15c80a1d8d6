import type { Metadata } from "next";
import { KeystoreCreate } from "@/components/keystores/keystore-create";
import { OPERATIONS } from "@/lib/auth/operations";
import { extendedKeyUsageOf } from "@/lib/server/lint/leaf-usage";
import { getKeystore } from "@/lib/server/stores/keystores";
import { renewalDraft } from "@/lib/tls/renewal-draft";
import { orNotFound, pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Prepare rotation" };

/**
 * Staged rotation (ADR 026): the next key and certificate, uploaded or generated here, are kept as pending material
 * beside the current ones; the keystore page shows the diff and activates them.
 */
export default async function PrepareRotationPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; name: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const { org, name } = await params;
  const ctx = await pageOrg(org, OPERATIONS.prepareKeystoreRotation);
  const keystore = await orNotFound(getKeystore(ctx, name));
  const using = keystore.used_by?.length ?? 0;
  const from = (await searchParams).from;
  const leaf = keystore.certificates?.[0];
  return (
    <div className="page page--form">
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · Keystores · {keystore.title}</p>
        <h1>Prepare rotation</h1>
        <p>
          The next material is kept beside the current one
          {using === 0
            ? " until you activate it, after reading what changes."
            : `: ${using === 1 ? "the profile using this keystore changes" : `the ${using} profiles using this keystore change`} only when you activate it, after reading what changes.`}
        </p>
      </header>
      <KeystoreCreate
        org={ctx.org.name}
        now={new Date().toISOString()}
        rotation={{
          name: keystore.name,
          rowVersion: keystore.row_version,
          current: keystore.certificates ?? [],
          initial: from === "generate" ? "csr" : "upload",
          draft: leaf
            ? renewalDraft({
                keyType: keystore.key_type ?? "",
                subject: leaf.subject,
                subjectAltNames: leaf.subject_alt_names,
                extendedKeyUsage: extendedKeyUsageOf({ sha256: leaf.sha256_fingerprint, pem: leaf.pem }),
              })
            : null,
        }}
      />
    </div>
  );
}
