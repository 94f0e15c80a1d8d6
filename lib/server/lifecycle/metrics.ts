import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import { certificateExpiryPages, type CertificateExpiry } from "@/lib/server/lifecycle/certificate-expiries";
import { notificationCounts } from "@/lib/server/notifications/counts";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Series rendered per prom-client registry: a page takes some 10 ms to format, then the event loop is free again. */
const PAGE_SIZE = 500;

/**
 * cert-manager's convention (`certmanager_certificate_expiration_timestamp_seconds`): the not-after as Unix seconds,
 * so an alert rule compares it with `time()` and no value goes stale between scrapes.
 */
function certificateExpiryGauge(registry: Registry) {
  return new Gauge({
    name: "tls_console_certificate_expiry_timestamp_seconds",
    help: "When the certificate stops being valid (not-after), in Unix seconds; one series per certificate of every keystore and truststore.",
    labelNames: ["org", "kind", "store", "position", "subject", "fingerprint"] as const,
    registers: [registry],
  });
}

/**
 * `tls_console_notifications_total{channel,outcome}`: expiry notices sent, and given up on after 24 hours of
 * retries, per channel. A count of stored notices, so deleting a webhook (with its notices) lowers it; Prometheus
 * reads that as a counter reset.
 */
async function notificationsExposition(): Promise<string> {
  const registry = new Registry();
  const counter = new Counter({
    name: "tls_console_notifications_total",
    help: "Expiry notices sent, and given up on after 24 hours of retries, by channel.",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  for (const { channel, outcome, count } of await notificationCounts()) counter.inc({ channel, outcome }, count);
  return registry.metrics();
}

const labelsOf = (c: CertificateExpiry) => ({
  org: c.org,
  kind: c.kind,
  store: c.store,
  position: String(c.position),
  subject: c.subject,
  fingerprint: c.fingerprint,
});

/**
 * One scrape in the Prometheus text format, as chunks, read from the database now: instances are stateless
 * (ADR 013), so nothing is kept between scrapes and any instance answers alike. Each page of certificates gets a
 * fresh prom-client registry (prom-client formats and escapes), and the family's HELP and TYPE lines are kept from
 * the first page only, so the chunks concatenate to one valid exposition.
 * Notices sent and given up on come first, counted from their records (ADR 019), so every instance reports the
 * same totals.
 */
export async function* metricsExposition(): AsyncGenerator<string> {
  yield await notificationsExposition();
  let header = true;
  for await (const page of certificateExpiryPages(PAGE_SIZE)) {
    const registry = new Registry();
    const gauge = certificateExpiryGauge(registry);
    for (const c of page) gauge.set(labelsOf(c), Math.floor(c.notAfter.getTime() / 1000));
    const text = await registry.metrics();
    yield header ? text : text.split("\n").slice(2).join("\n");
    header = false;
  }
  if (header) {
    const registry = new Registry();
    certificateExpiryGauge(registry);
    yield await registry.metrics();
  }
}
