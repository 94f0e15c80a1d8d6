"use server";

import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import { orgAction } from "@/lib/server/faces/action";
import { uploadFromForm } from "@/lib/server/faces/form-upload";
import {
  addTruststoreCertificates,
  createTruststore,
  deleteTruststores,
  duplicateTruststore,
  previewTruststore,
  removeTruststoreCertificate,
  updateTruststore,
} from "@/lib/server/stores/truststores";
import type { TruststoreDto, TruststorePreview } from "@/lib/tls/store-dto";

export async function previewTruststoreAction(org: string, form: FormData): Promise<ActionResult<TruststorePreview>> {
  return orgAction("previewTruststore", org, OPERATIONS.previewTruststore, async (ctx) =>
    previewTruststore(ctx, (await uploadFromForm(form)).upload),
  );
}

export async function createTruststoreAction(org: string, form: FormData): Promise<ActionResult<TruststoreDto>> {
  return orgAction("createTruststore", org, OPERATIONS.createTruststore, async (ctx) => {
    const { meta, upload } = await uploadFromForm(form);
    return createTruststore(ctx, meta, upload);
  });
}

export async function addTruststoreCertificatesAction(
  org: string,
  target: { name: string; rowVersion: number },
  form: FormData,
): Promise<ActionResult<TruststoreDto>> {
  return orgAction("addTruststoreCertificates", org, OPERATIONS.addTruststoreCertificates, async (ctx) =>
    addTruststoreCertificates(ctx, target.name, (await uploadFromForm(form)).upload, target.rowVersion),
  );
}

export async function removeTruststoreCertificateAction(
  org: string,
  target: { name: string; rowVersion: number },
  fingerprint: string,
): Promise<ActionResult<TruststoreDto>> {
  return orgAction("removeTruststoreCertificate", org, OPERATIONS.removeTruststoreCertificate, (ctx) =>
    removeTruststoreCertificate(ctx, target.name, fingerprint, target.rowVersion),
  );
}

export async function updateTruststoreAction(
  org: string,
  target: { name: string; rowVersion: number },
  values: unknown,
): Promise<ActionResult<TruststoreDto>> {
  return orgAction("updateTruststore", org, OPERATIONS.updateTruststore, (ctx) =>
    updateTruststore(ctx, target.name, values, target.rowVersion),
  );
}

export async function deleteTruststoresAction(org: string, names: string[]): Promise<ActionResult<number>> {
  return orgAction("deleteTruststores", org, OPERATIONS.deleteTruststores, (ctx) => deleteTruststores(ctx, names));
}

export async function duplicateTruststoreAction(org: string, name: string): Promise<ActionResult<TruststoreDto>> {
  return orgAction("duplicateTruststore", org, OPERATIONS.duplicateTruststore, (ctx) => duplicateTruststore(ctx, name));
}
