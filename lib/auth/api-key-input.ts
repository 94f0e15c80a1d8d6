import { z } from "zod";

/** The lifetimes offered when a key is created; `null` is a key that never expires. */
export const API_KEY_LIFETIMES = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
] as const;
export type ApiKeyLifetime = (typeof API_KEY_LIFETIMES)[number]["days"];
export const DEFAULT_API_KEY_LIFETIME: ApiKeyLifetime = 90;

const lifetimeDays: readonly (number | null)[] = API_KEY_LIFETIMES.map((l) => l.days);

/** What the create form and the action accept, in both the browser and the server. */
export const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, "Name is required").max(64, "At most 64 characters"),
  expires_in_days: z
    .number()
    .nullable()
    .refine((d) => lifetimeDays.includes(d), `Choose one of ${API_KEY_LIFETIMES.map((l) => l.label).join(", ")}`)
    .default(null),
  /** An organization name of the key's user, or null for all of them. */
  org: z.string().trim().min(1).nullable().default(null),
});
/** Left out, a key never expires and reaches every organization of its user. */
export type CreateApiKeyInput = z.input<typeof ZCreateApiKey>;
