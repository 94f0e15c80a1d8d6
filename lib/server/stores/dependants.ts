import "server-only";
import { AppError } from "@/lib/errors";
import type { DependantDto } from "@/lib/tls/store-dto";
import type { Db } from "@/lib/server/platform/db";

type Tx = Pick<Db, "tlsClientProfile" | "tlsServerProfile">;
const select = { name: true, version: true, title: true } as const;

/** Every profile that refers to the keystore or truststore with this id. */
export async function dependantsOf(
  tx: Tx,
  store: { keystoreId: string } | { truststoreId: string },
): Promise<DependantDto[]> {
  const [clients, servers] = await Promise.all([
    tx.tlsClientProfile.findMany({ where: store, select, orderBy: [{ name: "asc" }, { version: "asc" }] }),
    tx.tlsServerProfile.findMany({ where: store, select, orderBy: [{ name: "asc" }, { version: "asc" }] }),
  ]);
  return [
    ...clients.map((p) => ({ type: "tls_client_profile" as const, ...p })),
    ...servers.map((p) => ({ type: "tls_server_profile" as const, ...p })),
  ];
}

export function inUse(kind: "keystore" | "truststore", name: string, dependants: DependantDto[]): AppError {
  const list = dependants.map((d) => `${d.title} (${d.name}:${d.version})`).join(", ");
  return new AppError(
    "CONFLICT",
    `The ${kind} "${name}" is used by ${dependants.length} profile(s): ${list}. Change them first.`,
    [{ field: "used_by", message: list }],
  );
}

export function protectedDefault(kind: string, name: string): AppError {
  return new AppError(
    "PROTECTED",
    `"${name}" is a default ${kind}; it cannot be edited or deleted. Duplicate it to customize.`,
  );
}
