/**
 * Runs once when a server instance starts, before it answers a request: a wrong MASTER_KEY stops the instance with
 * a clear message instead of a generic 500 on the first request that needs a private key. Then the expiry check and
 * notification delivery are scheduled (not while building, nor under tests).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { MasterKeyMismatch, verifyMasterKey } = await import("@/lib/server/platform/master-key-check");
  try {
    await verifyMasterKey();
  } catch (e) {
    if (!(e instanceof MasterKeyMismatch)) throw e;
    console.error(`tls-console: ${e.message}`);
    process.exit(1);
  }
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.NODE_ENV === "test") return;
  const { startNotificationScheduler } = await import("@/lib/server/notifications/scheduler");
  try {
    startNotificationScheduler();
  } catch (e) {
    console.error(`tls-console: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
