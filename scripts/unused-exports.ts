/**
 * Lists exports that no other file imports: `tsx scripts/unused-exports.ts`. Uses the TypeScript compiler API on
 * tsconfig.json's files. Next.js file conventions (a page's default export, a route's GET, metadata, …) are used
 * by the framework, and anything a test imports counts as used. Exits 1 when it finds one.
 */
import path from "node:path";
import ts from "typescript";

const root = process.cwd();
const NEXT_CONVENTIONS = new Set([
  "default",
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "metadata",
  "generateMetadata",
  "generateStaticParams",
  "dynamic",
  "revalidate",
  "runtime",
  "viewport",
  "config",
]);
/** Files that a framework or a tool loads by name, not by import; app/ files are checked past the conventions. */
const ENTRY =
  /^(app\/|lib\/generated\/|proxy\.ts$|next\.config|playwright\.config|vitest\.config|eslint\.config|scripts\/|bench\/|prisma\/|e2e\/.*\.spec\.ts$|tests\/setup\/|tests\/scale\/playwright\.config\.ts$|lib\/server\/platform\/import-worker\.ts$|lib\/server\/probes\/probe-worker\.ts$)/;

const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const ours = program
  .getSourceFiles()
  .filter((f) => !f.isDeclarationFile && !f.fileName.includes("/node_modules/") && f.fileName.startsWith(root));

const used = new Set<ts.Symbol>();
const resolved = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

function markModule(specifier: ts.Expression, names: readonly string[] | "all") {
  const moduleSymbol = checker.getSymbolAtLocation(specifier);
  if (!moduleSymbol) return;
  const exports = checker.getExportsOfModule(moduleSymbol);
  for (const e of exports) if (names === "all" || names.includes(e.name)) used.add(resolved(e));
}

for (const file of ours) {
  ts.forEachChild(file, function visit(node) {
    if (ts.isImportDeclaration(node) && node.importClause) {
      const { name, namedBindings } = node.importClause;
      const names: string[] = [];
      if (name) names.push("default");
      if (namedBindings && ts.isNamespaceImport(namedBindings)) return markModule(node.moduleSpecifier, "all");
      if (namedBindings) for (const el of namedBindings.elements) names.push((el.propertyName ?? el.name).text);
      markModule(node.moduleSpecifier, names);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) return markModule(node.moduleSpecifier, "all");
      markModule(
        node.moduleSpecifier,
        node.exportClause.elements.map((el) => (el.propertyName ?? el.name).text),
      );
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier) markModule(specifier, "all");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      markModule(node.argument.literal, "all");
    }
    ts.forEachChild(node, visit);
  });
}

const unused: string[] = [];
for (const file of ours) {
  const rel = path.relative(root, file.fileName);
  if (ENTRY.test(rel)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) continue;
  for (const e of checker.getExportsOfModule(moduleSymbol)) {
    if (used.has(resolved(e)) || (rel.startsWith("app/") && NEXT_CONVENTIONS.has(e.name))) continue;
    unused.push(`${rel}: ${e.name}`);
  }
}
for (const line of unused.sort()) console.log(line);
process.exit(unused.length ? 1 : 0);
