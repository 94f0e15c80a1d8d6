"use server";

import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import { orgAction } from "@/lib/server/faces/action";
import {
  createServerProfile,
  deleteServerProfiles,
  type ServerProfileDto,
  updateServerProfile,
} from "@/lib/server/profiles/server-profiles";

export async function createServerProfileAction(org: string, values: unknown): Promise<ActionResult<ServerProfileDto>> {
  return orgAction("createServerProfile", org, OPERATIONS.createServerProfile, (ctx) =>
    createServerProfile(ctx, values),
  );
}

export async function updateServerProfileAction(
  org: string,
  target: { name: string; version: string; rowVersion: number },
  values: unknown,
): Promise<ActionResult<ServerProfileDto>> {
  return orgAction("updateServerProfile", org, OPERATIONS.updateServerProfile, (ctx) =>
    updateServerProfile(ctx, target.name, target.version, values, target.rowVersion),
  );
}

export async function deleteServerProfilesAction(
  org: string,
  targets: { name: string; version: string }[],
): Promise<ActionResult<number>> {
  return orgAction("deleteServerProfiles", org, OPERATIONS.deleteServerProfiles, (ctx) =>
    deleteServerProfiles(ctx, targets),
  );
}
