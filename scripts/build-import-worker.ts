/**
 * Bundles the import worker (lib/server/platform/import-worker.ts and the pure lib/crypto it uses) into one
 * ES module that piscina loads by path at runtime: Next bundles server code into chunks, so the worker cannot
 * be a source file. Runs from postinstall, `npm run build`, `npm run dev` and the Vitest global setup.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
export const IMPORT_WORKER_BUNDLE = join(root, "lib", "generated", "import-worker.mjs");

export async function buildImportWorker(): Promise<void> {
  await build({
    entryPoints: [join(root, "lib", "server", "platform", "import-worker.ts")],
    outfile: IMPORT_WORKER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildImportWorker();
