/** Start-up seeding: proves MASTER_KEY, then the owner account and the organizations (see lib/server/install/bootstrap.ts). */
import { bootstrap } from "@/lib/server/install/bootstrap";
import { MasterKeyMismatch } from "@/lib/server/platform/master-key-check";

try {
  const result = await bootstrap();
  console.log(result.created ? result.message : "seed: database already initialised");
  process.exit(0);
} catch (e) {
  if (!(e instanceof MasterKeyMismatch)) throw e;
  console.error(`seed: ${e.message}`);
  process.exit(1);
}
