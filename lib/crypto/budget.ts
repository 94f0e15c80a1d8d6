import { ImportError } from "./import-error";

/**
 * What one upload may cost, across all its files and bags. Work is counted in units of about one native
 * PBKDF2-SHA256 round (~1 µs here): the budget keeps an accepted upload near a second of one worker thread,
 * well inside the import deadline, however its work is spread over derivations.
 */
export const UPLOAD_LIMITS = {
  work: 1_000_000,
  bags: 500,
  keys: 8,
  certificates: 500,
} as const;

type Counted = "bags" | "keys" | "certificates";

const NOUN: Record<Counted, string> = { bags: "PKCS#12 bags", keys: "private keys", certificates: "certificates" };

/** Measured against a native PBKDF2-SHA256 round: SHA-384/512 rounds cost twice that, our JavaScript PKCS#12 KDF eight. */
const ROUND_COST: Record<string, number> = { sha384: 2, sha512: 2 };
const PKCS12_KDF_ROUND_COST = 8;

export const pbkdf2Cost = (iterations: number, keyLength: number, prf: string, hashSize: number) =>
  iterations * Math.ceil(keyLength / hashSize) * (ROUND_COST[prf] ?? 1);

export const pkcs12KdfCost = (iterations: number, length: number, hashSize: number) =>
  iterations * Math.ceil(length / hashSize) * PKCS12_KDF_ROUND_COST;

/** scrypt touches N × r blocks p times; one block costs about one PBKDF2 round. */
export const scryptCost = (n: number, r: number, p: number) => n * r * p;

export function tooMuchWork(part: string, detail: string): ImportError {
  return new ImportError("TOO_MUCH_WORK", `The ${part} needs too much work to open: ${detail}.`, part);
}

/** One per upload; every derivation, bag, key and certificate is charged before it is worked on. */
export class WorkBudget {
  private spent = 0;
  private readonly seen: Record<Counted, number> = { bags: 0, keys: 0, certificates: 0 };

  constructor(private readonly limits: typeof UPLOAD_LIMITS = UPLOAD_LIMITS) {}

  charge(units: number, part: string): void {
    this.spent += units;
    if (this.spent > this.limits.work)
      throw tooMuchWork(part, "its key derivations together exceed what one upload may ask for");
  }

  count(what: Counted, part: string): void {
    if (++this.seen[what] > this.limits[what])
      throw tooMuchWork(part, `an upload may hold at most ${this.limits[what]} ${NOUN[what]}`);
  }
}
