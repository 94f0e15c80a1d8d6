import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the integration suites keep their databases; TEST_POSTGRES_URL points at a server we may create databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://tls:tls@127.0.0.1:5432/postgres";

// Named after the checkout, so two checkouts on one machine (worktrees, a fresh clone beside the work tree) can run
// their suites at once without dropping each other's databases.
const checkout = createHash("sha256").update(process.cwd()).digest("hex").slice(0, 8);
export const PG_PREFIX = `tls_console_test_${checkout}_`;
export const PG_BASE_DB = `${PG_PREFIX}base`;
export const SQLITE_BASE = join(tmpdir(), `tls-console-test-${checkout}-base.db`);
export const SQLITE_PREFIX = join(tmpdir(), `tls-console-test-${checkout}-`);

export function pgUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
