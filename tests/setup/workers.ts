import { buildWorkers } from "../../scripts/build-workers";

/** Uploads (ADR 010) and connection tests (ADR 022) run in bundled workers; build them from the current sources first. */
export default async function setup() {
  await buildWorkers();
}
