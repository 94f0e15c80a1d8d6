"use server";

import { z } from "zod";
import { OPERATIONS } from "@/lib/auth/operations";
import type { ActionResult } from "@/lib/errors";
import { orgAction } from "@/lib/server/faces/action";
import { testClientProfile } from "@/lib/server/probes/connection-tests";
import { checkServerProfile } from "@/lib/server/probes/server-check";
import { ZName, ZVersion } from "@/lib/tls/client-profile-schema";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";

/** Which profile, as the page names it; checked like any other input since an action is a public endpoint. */
const ZProfileRef = z.strictObject({ name: ZName, version: ZVersion });

/** The result of a finished handshake, failed or not; a refusal (bad input, 429, 404) is the ActionResult's. */
export async function testClientProfileAction(
  org: string,
  profile: { name: string; version: string },
  values: unknown,
): Promise<ActionResult<ConnectionTestResult>> {
  return orgAction("testClientProfile", org, OPERATIONS.testClientProfile, (ctx) => {
    const { name, version } = ZProfileRef.parse(profile);
    return testClientProfile(ctx, name, version, values);
  });
}

export async function checkServerProfileAction(
  org: string,
  profile: { name: string; version: string },
  values: unknown,
): Promise<ActionResult<ConnectionTestResult>> {
  return orgAction("checkServerProfile", org, OPERATIONS.checkServerProfile, (ctx) => {
    const { name, version } = ZProfileRef.parse(profile);
    return checkServerProfile(ctx, name, version, values);
  });
}
