/**
 * Runs once when a server instance starts, before it answers a request: a wrong MASTER_KEY stops the instance with
 * a clear message instead of a generic 500 on the first request that needs a private key.
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
}
