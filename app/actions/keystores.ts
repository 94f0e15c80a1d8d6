"use server";

import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import { orgAction } from "@/lib/server/faces/action";
import { signedCertificateFromForm, uploadFromForm } from "@/lib/server/faces/form-upload";
import { completeKeystore, generateKeystore } from "@/lib/server/stores/keystore-generation";
import {
  createKeystore,
  deleteKeystores,
  duplicateKeystore,
  previewKeystore,
  updateKeystore,
} from "@/lib/server/stores/keystores";
import { previewReplacement, replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import type { RotationDiff } from "@/lib/tls/rotation-diff";
import { ZRestoreBody } from "@/lib/tls/rotation-schema";
import type { KeystoreDto, KeystorePreview } from "@/lib/tls/store-dto";

/** Verifies an upload and returns what would be stored; nothing is written. */
export async function previewKeystoreAction(org: string, form: FormData): Promise<ActionResult<KeystorePreview>> {
  return orgAction("previewKeystore", org, OPERATIONS.previewKeystore, async (ctx) =>
    previewKeystore(ctx, (await uploadFromForm(form)).upload),
  );
}

export async function createKeystoreAction(org: string, form: FormData): Promise<ActionResult<KeystoreDto>> {
  return orgAction("createKeystore", org, OPERATIONS.createKeystore, async (ctx) => {
    const { meta, upload } = await uploadFromForm(form);
    return createKeystore(ctx, meta, upload);
  });
}

/**
 * Creates a keystore from a key generated on the server: `values` holds title, name, summary and `generate` (the
 * shared ZKeyRequest). The key is sealed at once and never returned.
 */
export async function generateKeystoreAction(org: string, values: unknown): Promise<ActionResult<KeystoreDto>> {
  return orgAction("generateKeystore", org, OPERATIONS.createKeystore, (ctx) => {
    const { generate, ...meta } = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
    return generateKeystore(ctx, meta, generate);
  });
}

/** Uploads the signed certificate of a keystore awaiting it; refusals come back at the `certificate` field. */
export async function completeKeystoreAction(
  org: string,
  target: { name: string; rowVersion: number },
  form: FormData,
): Promise<ActionResult<KeystoreDto>> {
  return orgAction("completeKeystore", org, OPERATIONS.completeKeystore, async (ctx) =>
    completeKeystore(ctx, target.name, await signedCertificateFromForm(form), target.rowVersion),
  );
}

/** A replacement's review: what would be stored, and its diff against the material in use with the warnings. */
export async function previewReplacementAction(
  org: string,
  name: string,
  form: FormData,
): Promise<ActionResult<KeystorePreview & { diff: RotationDiff }>> {
  return orgAction("previewReplacement", org, OPERATIONS.previewKeystore, async (ctx) =>
    previewReplacement(ctx, name, (await uploadFromForm(form)).upload),
  );
}

/** `confirm` (repeated): the warning codes of the replacement's diff the person confirmed, as on activation. */
export async function rotateKeystoreAction(
  org: string,
  target: { name: string; rowVersion: number },
  form: FormData,
): Promise<ActionResult<KeystoreDto>> {
  return orgAction("rotateKeystore", org, OPERATIONS.rotateKeystore, async (ctx) => {
    const { confirm } = ZRestoreBody.parse({ confirm: form.getAll("confirm").filter((c) => typeof c === "string") });
    const { upload } = await uploadFromForm(form);
    return replaceKeystoreMaterial(ctx, target.name, upload, target.rowVersion, confirm);
  });
}

export async function updateKeystoreAction(
  org: string,
  target: { name: string; rowVersion: number },
  values: unknown,
): Promise<ActionResult<KeystoreDto>> {
  return orgAction("updateKeystore", org, OPERATIONS.updateKeystore, (ctx) =>
    updateKeystore(ctx, target.name, values, target.rowVersion),
  );
}

export async function deleteKeystoresAction(org: string, names: string[]): Promise<ActionResult<number>> {
  return orgAction("deleteKeystores", org, OPERATIONS.deleteKeystores, (ctx) => deleteKeystores(ctx, names));
}

export async function duplicateKeystoreAction(org: string, name: string): Promise<ActionResult<KeystoreDto>> {
  return orgAction("duplicateKeystore", org, OPERATIONS.duplicateKeystore, (ctx) => duplicateKeystore(ctx, name));
}
