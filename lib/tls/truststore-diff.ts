import { listInWords } from "./rotation-diff";
import type { DependantDto } from "./store-dto";

/** A certificate of a truststore as the set diff names it. */
interface SetCertificate {
  sha256: string;
  subject: string;
}

export interface TruststoreSetDiff {
  /** Subjects that restoring brings back, and that it takes away. */
  added: SetCertificate[];
  removed: SetCertificate[];
  warnings: { code: (typeof TRUSTSTORE_WARNING_CODES)[number]; message: string }[];
}

export const TRUSTSTORE_WARNING_CODES = ["certificates_removed"] as const;

/** Each warning's title in words; the code stays beside it (see ROTATION_WARNING_TITLES). */
export const TRUSTSTORE_WARNING_TITLES: Record<TruststoreSetDiff["warnings"][number]["code"], string> = {
  certificates_removed: "Trusted certificates are taken away",
};

/**
 * Restoring an earlier certificate set of a truststore (ADR 026): what comes back and what goes. Taking a trust
 * anchor away from a truststore that profiles use is a warning to confirm, naming them: their peers presenting
 * certificates from it are refused afterwards.
 */
export function truststoreSetDiff(
  current: readonly SetCertificate[],
  restored: readonly SetCertificate[],
  profiles: readonly DependantDto[],
): TruststoreSetDiff {
  const now = new Set(current.map((c) => c.sha256));
  const then = new Set(restored.map((c) => c.sha256));
  const removed = current.filter((c) => !then.has(c.sha256));
  const users = [...new Set(profiles.map((p) => p.name))];
  return {
    added: restored.filter((c) => !now.has(c.sha256)),
    removed,
    warnings:
      removed.length && users.length
        ? [
            {
              code: "certificates_removed",
              message: `Restoring removes ${listInWords(removed.map((c) => c.subject))}: ${listInWords(users)} will no longer trust peers whose certificates chain to ${removed.length > 1 ? "them" : "it"}.`,
            },
          ]
        : [],
  };
}
