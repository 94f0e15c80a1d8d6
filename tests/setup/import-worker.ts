import { buildImportWorker } from "../../scripts/build-import-worker";

/** Upload imports run in the bundled worker (ADR 010); build it from the current sources before any test. */
export default async function setup() {
  await buildImportWorker();
}
