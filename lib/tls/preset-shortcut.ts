import { z } from "zod";
import { PRESET_IDS, presetById } from "./presets";

/** Documents the shortcut in the OpenAPI input schemas; withPreset below is what applies it. */
export const ZPresetId = z
  .enum(PRESET_IDS)
  .describe("Shortcut: fills protocols and ciphers from GET /api/tls-presets; send it instead of those two lists");

/**
 * `preset` on create or patch is a shortcut for the preset's protocols and ciphers: the stored profile holds the
 * explicit lists, as API Connect expects. Sent with either list it would be ambiguous, so both are refused.
 */
export function withPreset<T extends z.ZodType>(schema: T) {
  return z.preprocess((raw: z.input<T> & { preset?: unknown }, ctx) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw.preset === undefined) return raw;
    const { preset: id, ...rest } = raw as Record<string, unknown>;
    const found = typeof id === "string" ? presetById(id) : undefined;
    const refuse = (message: string) => {
      ctx.addIssue({ code: "custom", path: ["preset"], message });
      return z.NEVER;
    };
    if (!found) return refuse(`Unknown preset: use one of ${PRESET_IDS.join(", ")}`);
    if ("protocols" in rest || "ciphers" in rest)
      return refuse(
        "Send either a preset or protocols and ciphers, not both: the preset sets both lists. Leave out protocols and ciphers, or the preset.",
      );
    return { ...rest, protocols: found.protocols, ciphers: found.ciphers };
  }, schema);
}
