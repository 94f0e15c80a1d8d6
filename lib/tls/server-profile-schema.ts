import { z } from "zod";
import { DEFAULT_CIPHERS } from "./ciphers";
import {
  checkCiphers,
  ZCiphers,
  ZProfileCommon,
  ZProtocols,
  ZStoreRef,
  ZSummary,
  ZTitle,
} from "./client-profile-schema";
import { DEFAULT_PROTOCOLS } from "./protocols";
import { nameFromTitle } from "./name-from-title";
import { withPreset } from "./preset-shortcut";

export const MUTUAL_AUTHENTICATION = ["none", "request", "require"] as const;
export type MutualAuthentication = (typeof MUTUAL_AUTHENTICATION)[number];

const ZMutual = z.enum(MUTUAL_AUTHENTICATION, { error: () => "must be one of: none, request, require" });

/** A truststore is what checks client certificates, so asking for them without one cannot work. */
function checkServer(
  value: { mutual_authentication?: MutualAuthentication; truststore_url?: string | null; keystore_url?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (value.mutual_authentication && value.mutual_authentication !== "none" && !value.truststore_url)
    ctx.addIssue({
      code: "custom",
      path: ["truststore_url"],
      message: "A truststore is required when mutual authentication is request or require",
    });
}

export const ZServerProfileFields = ZProfileCommon.extend({
  mutual_authentication: ZMutual.default("none"),
  limit_renegotiation: z.boolean().default(true),
  keystore_url: z
    .string({ error: "A keystore is required: it holds the server certificate" })
    .trim()
    .min(1, "A keystore is required: it holds the server certificate")
    .max(2048),
  truststore_url: ZStoreRef.default(null),
});

export const ZServerProfileInput = ZServerProfileFields.superRefine((value, ctx) => {
  checkCiphers(value, ctx);
  checkServer(value, ctx);
});
export type TServerProfileInput = z.infer<typeof ZServerProfileInput>;

export const ZServerProfilePatch = z
  .strictObject({
    title: ZTitle,
    summary: ZSummary,
    protocols: ZProtocols,
    ciphers: ZCiphers,
    mutual_authentication: ZMutual,
    limit_renegotiation: z.boolean(),
    keystore_url: z.string().trim().min(1).max(2048),
    truststore_url: ZStoreRef,
  })
  .partial();

export const SERVER_PROFILE_DEFAULTS: TServerProfileInput = {
  title: "",
  name: "",
  version: "1.0.0",
  summary: "",
  protocols: DEFAULT_PROTOCOLS,
  ciphers: DEFAULT_CIPHERS,
  mutual_authentication: "none",
  limit_renegotiation: true,
  keystore_url: "",
  truststore_url: null,
};

/** Creation input: the name follows from the title when left out or empty; `preset` may stand for both lists. */
export const ZServerProfileCreate = withPreset(nameFromTitle(ZServerProfileInput));
