import "server-only";
import { EnvelopeError, masterKeyId, open, seal, type Sealed } from "@/lib/crypto/envelope";
import { db } from "@/lib/server/platform/db";
import { masterKey } from "@/lib/server/platform/master-key";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

const CHECK_ID = 1;
const CHECK_BINDING = { orgId: "", record: "master-key-check" };
const CHECK_VALUE = "tls-console master key check";

/** MASTER_KEY cannot open what this database holds: said once, at start, instead of a 500 at first use. */
export class MasterKeyMismatch extends Error {
  constructor(expectedId: string, key: Buffer) {
    super(
      `MASTER_KEY is not the key this database's private keys were sealed with (the database expects master key ` +
        `id ${expectedId}; this key's id is ${masterKeyId(key)}). Start with the MASTER_KEY used before, or restore ` +
        `./data/master.key together with the database: a different key cannot open the stored private keys.`,
    );
    this.name = "MasterKeyMismatch";
  }
}

const opens = (key: Buffer, sealed: Sealed) => {
  try {
    return open(key, CHECK_BINDING, sealed).toString("utf8") === CHECK_VALUE;
  } catch (e) {
    if (e instanceof EnvelopeError) return false;
    throw e;
  }
};

/**
 * Proves the master key against a value sealed under it on first start. A database from before this check gets
 * one on its first start with a key that matches its keystores (their `masterKeyId`); instances starting together
 * race to write it, and the loser verifies the winner's.
 */
export async function verifyMasterKey(key: Buffer = masterKey()): Promise<void> {
  const check = await db().masterKeyCheck.findUnique({ where: { id: CHECK_ID } });
  if (check) {
    if (!opens(key, check)) throw new MasterKeyMismatch(check.masterKeyId, key);
    return;
  }
  const sealedUnderAnother = await db().keystore.findFirst({
    // A keystore awaiting its certificate has no key of its own (null), which says nothing about the master key.
    where: { AND: [{ masterKeyId: { not: null } }, { masterKeyId: { not: masterKeyId(key) } }] },
    select: { masterKeyId: true },
  });
  if (sealedUnderAnother?.masterKeyId) throw new MasterKeyMismatch(sealedUnderAnother.masterKeyId, key);
  try {
    await db().masterKeyCheck.create({
      data: { id: CHECK_ID, ...seal(key, CHECK_BINDING, Buffer.from(CHECK_VALUE, "utf8")) },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return verifyMasterKey(key);
  }
}
