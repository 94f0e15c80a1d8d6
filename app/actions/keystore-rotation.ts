"use server";

import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import type { PendingMaterialDto } from "@/lib/tls/rotation-dto";
import type { KeystoreDto, TruststoreDto } from "@/lib/tls/store-dto";
import { orgAction } from "@/lib/server/faces/action";
import { signedCertificateFromForm, uploadFromForm } from "@/lib/server/faces/form-upload";
import {
  activatePending,
  cancelScheduledActivation,
  completePending,
  discardPending,
  preparePending,
} from "@/lib/server/stores/keystore-pending";
import { restoreKeystoreVersion } from "@/lib/server/stores/keystore-versions";
import { restoreTruststoreVersion } from "@/lib/server/stores/truststore-versions";

/** Staged rotation (ADR 026): the same data layer as the REST routes; the key never comes back. */

export async function prepareRotationUploadAction(
  org: string,
  name: string,
  form: FormData,
): Promise<ActionResult<PendingMaterialDto>> {
  return orgAction("prepareRotationUpload", org, OPERATIONS.prepareKeystoreRotation, async (ctx) =>
    preparePending(ctx, name, { upload: (await uploadFromForm(form)).upload }),
  );
}

/** `generate` is the shared ZKeyRequest: a new key made here, with its CSR (or self-signed). */
export async function prepareRotationGenerateAction(
  org: string,
  name: string,
  generate: unknown,
): Promise<ActionResult<PendingMaterialDto>> {
  return orgAction("prepareRotationGenerate", org, OPERATIONS.prepareKeystoreRotation, (ctx) =>
    preparePending(ctx, name, { generate }),
  );
}

export async function completeRotationAction(
  org: string,
  name: string,
  form: FormData,
): Promise<ActionResult<PendingMaterialDto>> {
  return orgAction("completeRotation", org, OPERATIONS.completeKeystoreRotation, async (ctx) =>
    completePending(ctx, name, await signedCertificateFromForm(form)),
  );
}

/** `{at?, confirm}`: now, or scheduled; every warning code confirmed. */
export async function activateRotationAction(
  org: string,
  name: string,
  body: unknown,
): Promise<ActionResult<{ activated: boolean }>> {
  return orgAction("activateRotation", org, OPERATIONS.activateKeystoreRotation, async (ctx) => ({
    activated: "activated" in (await activatePending(ctx, name, body)),
  }));
}

export async function cancelActivationAction(org: string, name: string): Promise<ActionResult<PendingMaterialDto>> {
  return orgAction("cancelActivation", org, OPERATIONS.cancelKeystoreActivation, (ctx) =>
    cancelScheduledActivation(ctx, name),
  );
}

export async function discardRotationAction(org: string, name: string): Promise<ActionResult<null>> {
  return orgAction("discardRotation", org, OPERATIONS.discardKeystoreRotation, async (ctx) => {
    await discardPending(ctx, name);
    return null;
  });
}

export async function restoreKeystoreVersionAction(
  org: string,
  name: string,
  number: number,
  confirm: string[],
): Promise<ActionResult<KeystoreDto>> {
  return orgAction("restoreKeystoreVersion", org, OPERATIONS.restoreKeystoreVersion, (ctx) =>
    restoreKeystoreVersion(ctx, name, number, { confirm }),
  );
}

export async function restoreTruststoreVersionAction(
  org: string,
  name: string,
  number: number,
  confirm: string[],
): Promise<ActionResult<TruststoreDto>> {
  return orgAction("restoreTruststoreVersion", org, OPERATIONS.restoreTruststoreVersion, (ctx) =>
    restoreTruststoreVersion(ctx, name, number, { confirm }),
  );
}
