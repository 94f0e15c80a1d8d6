import "server-only";
import { Cron } from "croner";
import { ConfigError } from "@/lib/server/platform/config";

const DEFAULT_CRON = "0 * * * *";

/**
 * EXPIRY_CHECK_CRON: when the expiry check runs (croner syntax, default hourly on the hour); "off" runs none on this
 * instance (another may, or POST /expiry/check). A pattern croner cannot read stops the start with a message.
 */
export function expiryCheckCron(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.EXPIRY_CHECK_CRON?.trim() || DEFAULT_CRON;
  if (raw.toLowerCase() === "off") return null;
  try {
    new Cron(raw, { paused: true }).stop();
  } catch (e) {
    throw new ConfigError(
      `EXPIRY_CHECK_CRON is not a cron pattern croner can read ("${raw}": ${e instanceof Error ? e.message : e}); ` +
        `for example "0 * * * *" (hourly) or "off"`,
    );
  }
  return raw;
}
