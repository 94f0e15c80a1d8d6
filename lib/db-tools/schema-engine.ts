import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { providerOf, sqlitePath, type DbProvider } from "@/lib/server/platform/db-url";
import { datamodelFor } from "./schema-source";

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

/**
 * Prisma's schema engine compiled to WebAssembly (the native one cannot be downloaded here). The package expects a
 * bundler to wire the .wasm import, so it is instantiated by hand: see ../shared/notes/stack-offline.md.
 */
async function bindings(): Promise<Bindings> {
  const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const require = createRequire(import.meta.url);
  // The .wasm file is not in the package's exports map; it sits beside the JS glue.
  const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(join(dirname(glue), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

let loaded: Promise<Bindings> | undefined;

/**
 * The engine does not close the connections it opens when freed, and on SQLite an open connection keeps its lock,
 * so every adapter it asks for is remembered and disposed in `close()`.
 */
function trackedFactory(url: string, opened: { dispose(): Promise<void> }[]) {
  const factory =
    providerOf(url) === "postgresql"
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSqlite3({ url: sqlitePath(url) });
  const track = async <T extends { dispose(): Promise<void> }>(p: Promise<T>) => {
    const adapter = await p;
    opened.push(adapter);
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  });
}

interface OpenEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function openEngine(url: string): Promise<OpenEngine> {
  loaded ??= bindings();
  const { SchemaEngine } = await loaded;
  const provider: DbProvider = providerOf(url);
  const opened: { dispose(): Promise<void> }[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", datamodelFor(provider)]] },
    () => {},
    trackedFactory(url, opened),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}
