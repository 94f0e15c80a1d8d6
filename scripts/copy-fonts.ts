/**
 * Carbon's `~@ibm/plex` font path does not resolve under Turbopack, and fonts must not be fetched at build time,
 * so the few IBM Plex faces Carbon uses are copied from node_modules into public/fonts (see app/styles/fonts.scss).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const target = join(root, "public", "fonts");
mkdirSync(target, { recursive: true });

const faces = [
  ["plex-sans", "IBMPlexSans-Light.woff2"],
  ["plex-sans", "IBMPlexSans-Regular.woff2"],
  ["plex-sans", "IBMPlexSans-SemiBold.woff2"],
  ["plex-mono", "IBMPlexMono-Regular.woff2"],
];
for (const [pkg, file] of faces) {
  copyFileSync(join(root, "node_modules", "@ibm", pkg, "fonts", "complete", "woff2", file), join(target, file));
}
console.log(`copied ${faces.length} IBM Plex faces to public/fonts`);
