import { db } from "@/lib/server/platform/db";

/** Everything a write could touch, to prove a refused request changed nothing. */
export async function dbSnapshot() {
  const [profiles, audit] = await Promise.all([
    db().tlsClientProfile.findMany({ orderBy: [{ name: "asc" }, { version: "asc" }] }),
    db().auditEvent.count(),
  ]);
  return { profiles, audit };
}
