"use server";

import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import { orgAction } from "@/lib/server/faces/action";
import {
  createClientProfile,
  deleteClientProfiles,
  updateClientProfile,
  type ClientProfileDto,
} from "@/lib/server/profiles/client-profiles";

export async function createClientProfileAction(org: string, values: unknown): Promise<ActionResult<ClientProfileDto>> {
  return orgAction("createClientProfile", org, OPERATIONS.createClientProfile, (ctx) =>
    createClientProfile(ctx, values),
  );
}

export async function updateClientProfileAction(
  org: string,
  target: { name: string; version: string; rowVersion: number },
  values: unknown,
): Promise<ActionResult<ClientProfileDto>> {
  return orgAction("updateClientProfile", org, OPERATIONS.updateClientProfile, (ctx) =>
    updateClientProfile(ctx, target.name, target.version, values, target.rowVersion),
  );
}

export async function deleteClientProfilesAction(
  org: string,
  targets: { name: string; version: string }[],
): Promise<ActionResult<number>> {
  return orgAction("deleteClientProfiles", org, OPERATIONS.deleteClientProfiles, (ctx) =>
    deleteClientProfiles(ctx, targets),
  );
}
