"use client";

import { RadioButton, RadioButtonGroup } from "@/components/carbon";
import { useState } from "react";
import { MaterialUploadForm } from "@/components/tls/material-upload-form";
import type { RenewalDraft } from "@/lib/tls/renewal-draft";
import type { CertificateDto } from "@/lib/tls/store-dto";
import { KeyGenerationForm } from "./key-generation-form";
import styles from "./keystores.module.scss";

type Source = "upload" | "csr" | "self-signed";

interface Props {
  org: string;
  now: string;
  /** Preparing the next material of this keystore (staged rotation, ADR 026) instead of creating one. */
  rotation?: {
    name: string;
    rowVersion: number;
    current: CertificateDto[];
    initial: Source;
    /** The generate form starts like the current certificate. */
    draft: RenewalDraft | null;
  };
}

/**
 * Create keystore, or prepare a keystore's next material: upload existing material, or have the key generated here
 * (with a CSR, or self-signed).
 */
export function KeystoreCreate({ org, now, rotation }: Props) {
  const [source, setSource] = useState<Source>(rotation?.initial ?? "upload");
  return (
    <>
      <RadioButtonGroup
        className={styles.choice}
        legendText="Where the key comes from"
        name="source"
        valueSelected={source}
        onChange={(v) => setSource(v as Source)}
        orientation="vertical"
      >
        <RadioButton id="source-upload" labelText="Upload key and certificate" value="upload" />
        <RadioButton
          id="source-csr"
          labelText="Generate key and CSR: the key never leaves the console; a CA signs the request"
          value="csr"
        />
        <RadioButton id="source-self-signed" labelText="Self-signed, for tests and internal use" value="self-signed" />
      </RadioButtonGroup>
      {source === "upload" ? (
        rotation ? (
          <MaterialUploadForm
            org={org}
            mode="prepare-rotation"
            target={rotation}
            current={rotation.current}
            now={now}
          />
        ) : (
          <MaterialUploadForm org={org} mode="create-keystore" now={now} />
        )
      ) : (
        <KeyGenerationForm
          key={source}
          org={org}
          mode={source}
          target={rotation?.name}
          draft={rotation?.draft ?? undefined}
        />
      )}
    </>
  );
}
