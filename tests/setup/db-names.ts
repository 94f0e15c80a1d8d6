import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the integration suites keep their databases; TEST_POSTGRES_URL points at a server we may create databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://tls:tls@127.0.0.1:5432/postgres";
export const PG_BASE_DB = "tls_console_test_base";
export const SQLITE_BASE = join(tmpdir(), "tls-console-test-base.db");

export function pgUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
