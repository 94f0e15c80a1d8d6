import "server-only";
import { isLegacy, open, SEALED_PREFIX, seal, sealedOf } from "@/lib/crypto/envelope";
import { db } from "@/lib/server/platform/db";
import { masterKey } from "@/lib/server/platform/master-key";

/**
 * Keys sealed before the organization joined the binding (ADR 015) still open, but only bound to their row id:
 * re-seal them once so every stored key is bound to its organization too. Each row is replaced only if it is still
 * the value read, so instances starting together cannot overwrite each other; `updatedAt` is kept (nobody edited it).
 */
export async function resealLegacyKeys(): Promise<number> {
  const rows = await db().keystore.findMany({
    where: { NOT: { keyCiphertext: { startsWith: SEALED_PREFIX } } },
    select: { id: true, orgId: true, keyCiphertext: true, wrappedDataKey: true, masterKeyId: true, updatedAt: true },
  });
  let resealed = 0;
  for (const row of rows) {
    const sealed = sealedOf(row);
    if (!sealed || !isLegacy(sealed)) continue;
    const binding = { orgId: row.orgId, record: `keystore:${row.id}` };
    const plain = open(masterKey(), binding, sealed);
    try {
      const { count } = await db().keystore.updateMany({
        where: { id: row.id, keyCiphertext: sealed.keyCiphertext },
        data: { ...seal(masterKey(), binding, plain), updatedAt: row.updatedAt },
      });
      resealed += count;
    } finally {
      plain.fill(0);
    }
  }
  return resealed;
}
