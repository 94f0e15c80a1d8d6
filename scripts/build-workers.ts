/**
 * Bundles the worker threads' entries (the upload import worker, ADR 010, and the probe worker, ADR 022) with the
 * lib code they use into ES modules that piscina loads by path at runtime: Next bundles server code into chunks, so
 * a worker cannot be a source file. Runs from postinstall, `npm run build`, `npm run dev` and the Vitest global setup.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

const WORKERS = [
  { entry: join("lib", "server", "platform", "import-worker.ts"), bundle: "import-worker.mjs" },
  { entry: join("lib", "server", "probes", "probe-worker.ts"), bundle: "probe-worker.mjs" },
];

export async function buildWorkers(): Promise<void> {
  await Promise.all(
    WORKERS.map(({ entry, bundle }) =>
      build({
        entryPoints: [join(root, entry)],
        outfile: join(root, "lib", "generated", bundle),
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        // The server-only guard resolves to its empty server build, as in Next's server bundles.
        conditions: ["react-server"],
        tsconfig: join(root, "tsconfig.json"),
        logLevel: "warning",
      }),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildWorkers();
