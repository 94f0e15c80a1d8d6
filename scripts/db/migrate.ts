/** Applies committed migrations to DATABASE_URL (default: the SQLite file under ./data). */
import { migrate } from "@/lib/db-tools/migrate";
import { databaseUrl, providerOf } from "@/lib/server/platform/db-url";

const url = databaseUrl();
const applied = await migrate(url);
console.log(`database (${providerOf(url)}): ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
