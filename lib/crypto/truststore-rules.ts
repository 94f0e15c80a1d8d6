import type { CertificateInfo } from "./certificate";
import { ImportError } from "./import-error";
import { WorkBudget } from "./budget";
import { readUpload, type UploadFile } from "./upload";
import { certificateWarnings, type MaterialWarning } from "./warnings";

export interface TruststoreMaterial {
  certificates: CertificateInfo[];
  warnings: MaterialWarning[];
}

/** Reads certificates for a truststore: PEM bundles, DER, or a PKCS#12 that holds no private key. */
export function verifyTruststore(
  files: UploadFile[],
  password: string,
  now: Date,
  budget = new WorkBudget(),
): TruststoreMaterial {
  const upload = readUpload(files, password, budget, "none");
  if (upload.certificates.length === 0)
    throw new ImportError("NO_CERTIFICATE", "The upload holds no certificate.", "file");
  const certificates = upload.certificates.map((c) => c.info);
  return { certificates, warnings: certificates.flatMap((c) => certificateWarnings(c, now, "truststore")) };
}
