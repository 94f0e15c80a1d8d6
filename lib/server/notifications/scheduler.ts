import "server-only";
import { Cron } from "croner";
import { checkAllOrgs } from "@/lib/server/notifications/check";
import { expiryCheckCron } from "@/lib/server/notifications/cron-config";
import { deliverDue } from "@/lib/server/notifications/deliver";
import { logger } from "@/lib/server/platform/logger";
import { activateDueRotations } from "@/lib/server/stores/keystore-activation";

/** Retries fall due by the minute: the delivery loop looks every minute, apart from the check's own schedule. */
const DELIVERY_CRON = "* * * * *";

const state = globalThis as unknown as { tlsConsoleScheduler?: Cron[] };

/**
 * Starts the expiry check and the delivery loop in this server process (instrumentation.ts). Every instance may run
 * them: notices and claims in the database keep each send to one instance. A run missed while the server was down is
 * simply the next run (thresholds are evaluated against the current time), and one runs right after start.
 */
export function startNotificationScheduler(): void {
  if (state.tlsConsoleScheduler) return;
  const pattern = expiryCheckCron();
  const options = (name: string) => ({
    name,
    protect: true,
    unref: true,
    catch: (e: unknown) => logger.error({ err: e, job: name }, "scheduled job failed"),
  });
  const jobs = [
    new Cron(DELIVERY_CRON, options("notification-delivery"), () => deliverDue(new Date()).then(report)),
    // Scheduled keystore activations (ADR 026): due ones swap at the next minute; the claim keeps each to one instance.
    new Cron(DELIVERY_CRON, options("scheduled-activations"), () => activateDueRotations(new Date()).then(swaps)),
  ];
  if (pattern) {
    const check = new Cron(pattern, options("expiry-check"), () => checkAndDeliver());
    jobs.push(check);
    void check.trigger();
  }
  state.tlsConsoleScheduler = jobs;
  logger.info({ expiryCheck: pattern ?? "off" }, "expiry notifications scheduled");
}

async function checkAndDeliver() {
  const checked = await checkAllOrgs(new Date());
  if (checked.queued.length) logger.info({ queued: checked.queued.length, covered: checked.covered }, "expiry check");
  report(await deliverDue(new Date()));
}

function swaps(run: Awaited<ReturnType<typeof activateDueRotations>>) {
  if (run.swapped || run.failed || run.refused) logger.info(run, "scheduled keystore activations");
}

function report(run: Awaited<ReturnType<typeof deliverDue>>) {
  if (run.sent || run.retrying || run.failed) logger.info(run, "notifications delivered");
}
