/**
 * Generates one Prisma client per provider from the single data model (docs/decisions/002). The Prisma CLI wants
 * a schema-engine binary on disk even for `generate`, which does not use it; a stub satisfies it offline.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { datamodelFor, PROVIDERS, ROOT } from "@/lib/db-tools/schema-source";

const outDir = join(ROOT, "lib", "generated");
mkdirSync(outDir, { recursive: true });
const stub = join(outDir, "schema-engine-stub.sh");
writeFileSync(stub, "#!/bin/sh\necho 'the native schema engine is not used here' >&2\nexit 1\n");
chmodSync(stub, 0o755);

for (const provider of PROVIDERS) {
  const schema = join(outDir, `${provider}.prisma`);
  // Paths in the generator block are relative to the schema file, which now lives in lib/generated.
  writeFileSync(schema, datamodelFor(provider).replace(`"../lib/generated/${provider}"`, `"./${provider}"`));
  execFileSync(join(ROOT, "node_modules", ".bin", "prisma"), ["generate", "--schema", schema], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}
