import "server-only";
import ical, { ICalAlarmType, type ICalCalendar } from "ical-generator";
import { certificateRole, DAY_MS, DEFAULT_THRESHOLDS } from "@/lib/tls/expiry";
import { certificateExpiryPages, type CertificateExpiry } from "@/lib/server/lifecycle/certificate-expiries";
import { foldLines } from "@/lib/server/lifecycle/calendar-fold";
import { publicUrl } from "@/lib/server/platform/config";

/** How often a calendar application should fetch the feed again (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 6 * 60 * 60;
/** Events rendered between two turns of the event loop: ical-generator takes some 0.2 ms an event. */
const PAGE_SIZE = 100;
const END = "END:VCALENDAR";

/**
 * The organization's certificate expiries as an iCalendar document, in chunks: one event per certificate at its
 * not-after, with a reminder at each notification threshold, so a team's calendar warns when the e-mails would.
 * ical-generator writes the calendar and each event; events are rendered a page at a time, not all at once, so a
 * large organization's feed never holds the event loop (ADR 021).
 */
export async function* expiryCalendar(
  org: { id: string; name: string; title: string },
  now: Date,
): AsyncGenerator<string> {
  const head = ical({
    name: `TLS certificate expiry: ${org.title}`,
    prodId: { company: "tls-console", product: "expiry", language: "EN" },
    ttl: REFRESH_SECONDS,
  }).toString();
  // The head waits for the first page, so a database failure is still answered with a status, not a cut-off body.
  let before = head.slice(0, -END.length);
  for await (const page of certificateExpiryPages(PAGE_SIZE, org.id)) {
    const scratch = ical();
    yield before + foldLines(page.map((c) => expiryEvent(scratch, org.name, c, now).toString()).join(""));
    before = "";
  }
  yield `${before}${END}\r\n`;
}

function expiryEvent(calendar: ICalCalendar, org: string, c: CertificateExpiry, now: Date) {
  const what = `Certificate '${commonName(c.subject)}' (${certificateRole(c.kind, c.position, c.selfSigned)} of ${c.kind} ${c.store})`;
  return calendar.createEvent({
    // The certificate row's id: stable while the certificate is in the store, so a refresh updates, not duplicates.
    id: `${c.id}@tls-console`,
    // A point in time, not a day: each reminder then falls exactly its threshold's days before the not-after.
    start: c.notAfter,
    end: c.notAfter,
    stamp: now,
    summary: `${what} expires`,
    description: `Subject: ${c.subject}\nSHA-256: ${c.fingerprint}\nNot after: ${c.notAfter.toISOString()}`,
    url: `${publicUrl()}/orgs/${org}/resources/tls/${c.kind}s/${encodeURIComponent(c.store)}`,
    alarms: DEFAULT_THRESHOLDS.map((days) => ({
      type: ICalAlarmType.display,
      triggerBefore: (days * DAY_MS) / 1000,
      description: days === 0 ? `${what} expires now` : `${what} expires in ${days} day${days === 1 ? "" : "s"}`,
    })),
  });
}

/** The subject's common name, which is what people call a certificate; the whole subject when it has none. */
function commonName(subject: string): string {
  return /(?:^|, )CN=(.+?)(?=, [A-Za-z][\w.]*=|$)/.exec(subject)?.[1] ?? subject;
}
