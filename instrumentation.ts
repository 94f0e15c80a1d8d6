/**
 * Runs once when a server instance starts, before it answers a request: a wrong MASTER_KEY or an unreadable
 * setting stops the instance with a clear message instead of a generic 500 on the first request that needs it.
 * Then the expiry check and notification delivery are scheduled (not while building, nor under tests).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, outboundNetworks, probeConcurrency, probeTimeoutMs } =
    await import("@/lib/server/platform/config");
  const { MasterKeyMismatch, verifyMasterKey } = await import("@/lib/server/platform/master-key-check");
  const { expiryCheckCron } = await import("@/lib/server/notifications/cron-config");
  try {
    outboundNetworks();
    probeConcurrency();
    probeTimeoutMs();
    expiryCheckCron();
    await verifyMasterKey();
  } catch (e) {
    if (!(e instanceof MasterKeyMismatch || e instanceof ConfigError)) throw e;
    console.error(`tls-console: ${e.message}`);
    process.exit(1);
  }
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.NODE_ENV === "test") return;
  const { startNotificationScheduler } = await import("@/lib/server/notifications/scheduler");
  startNotificationScheduler();
}
