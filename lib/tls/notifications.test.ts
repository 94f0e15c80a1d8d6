import { describe, expect, it } from "vitest";
import { DAY_MS, DEFAULT_THRESHOLDS } from "./expiry";
import {
  expiryEvent,
  nextAttemptAt,
  noticePlan,
  redactedWebhookUrl,
  RETRY_WINDOW_MS,
  ZNotificationSettings,
  ZNotificationSettingsForm,
} from "./notifications";

const now = new Date("2026-12-02T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);

describe("the most-urgent rule", () => {
  const plan = (days: number, recorded: number[] = []) =>
    noticePlan(inDays(days), now, DEFAULT_THRESHOLDS, new Set(recorded));

  it("notifies the most urgent crossed threshold and records the others as covered", () => {
    expect(plan(40)).toEqual({ notify: null, covered: [] });
    expect(plan(29)).toEqual({ notify: 30, covered: [] });
    expect(plan(6)).toEqual({ notify: 7, covered: [30] });
    expect(plan(0.5)).toEqual({ notify: 1, covered: [7, 30] });
    expect(plan(-1)).toEqual({ notify: 0, covered: [1, 7, 30] });
  });

  it("skips what is already recorded, so a second run has nothing to send", () => {
    expect(plan(6, [30])).toEqual({ notify: 7, covered: [] });
    expect(plan(6, [7, 30])).toEqual({ notify: null, covered: [] });
    expect(plan(-1, [0, 1, 7, 30])).toEqual({ notify: null, covered: [] });
  });

  it("names the event by whether the certificate has expired", () => {
    expect(expiryEvent(inDays(0.5), now)).toBe("certificate.expiring");
    expect(expiryEvent(now, now)).toBe("certificate.expired");
  });
});

describe("the retry schedule", () => {
  const giveUp = new Date(now.getTime() + RETRY_WINDOW_MS);
  it("doubles from one minute up to an hour between attempts", () => {
    const gaps = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (n) => (nextAttemptAt(now, n, giveUp)!.getTime() - now.getTime()) / 60_000,
    );
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it("stops once the next attempt would fall past the 24-hour window", () => {
    expect(nextAttemptAt(new Date(giveUp.getTime() - 30_000), 1, giveUp)).toBeNull();
    expect(nextAttemptAt(new Date(giveUp.getTime() - 60_000), 1, giveUp)).toEqual(giveUp);
  });
});

describe("notification settings", () => {
  it("accepts thresholds and addresses, sorted and without repeats", () => {
    expect(
      ZNotificationSettings.parse({ thresholds: [1, 30, 0, 7], extra_emails: ["Ops@Example.com", "ops@example.com"] }),
    ).toEqual({
      thresholds: [30, 7, 1, 0],
      extra_emails: ["ops@example.com"],
    });
  });

  it("refuses repeats, negative days and addresses that are not ones", () => {
    expect(ZNotificationSettings.safeParse({ thresholds: [7, 7], extra_emails: [] }).success).toBe(false);
    expect(ZNotificationSettings.safeParse({ thresholds: [-1], extra_emails: [] }).success).toBe(false);
    expect(ZNotificationSettings.safeParse({ thresholds: [], extra_emails: [] }).success).toBe(false);
    expect(ZNotificationSettings.safeParse({ thresholds: [1], extra_emails: ["nope"] }).success).toBe(false);
  });

  it("reads the form's text lists and reports a problem at its field", () => {
    expect(
      ZNotificationSettingsForm.parse({ thresholds: "30, 7 1;0", extra_emails: "a@example.com\nb@example.com" }),
    ).toEqual({
      thresholds: [30, 7, 1, 0],
      extra_emails: ["a@example.com", "b@example.com"],
    });
    const bad = ZNotificationSettingsForm.safeParse({
      thresholds: "30, soon",
      extra_emails: "ops@example.com\nnot-an-address",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["thresholds", "“soon”: Thresholds are whole numbers of days, such as 30, 7, 1, 0"],
      ["extra_emails", "“not-an-address”: Enter e-mail addresses, such as ops@example.com"],
    ]);
    // A problem of the whole list names no entry.
    const repeated = ZNotificationSettingsForm.safeParse({ thresholds: "7, 7", extra_emails: "" });
    expect(repeated.error!.issues.map((i) => i.message)).toEqual(["Each threshold once"]);
  });
});

describe("redactedWebhookUrl", () => {
  it("keeps the origin and first path segment, hides a token in the path or query but its last four characters", () => {
    const slack = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd";
    expect(redactedWebhookUrl(slack)).toBe("https://hooks.slack.com/services/…abcd");
    expect(redactedWebhookUrl("https://example.com/hook?token=s3cr3t-value-0123")).toBe(
      "https://example.com/hook/…0123",
    );
  });

  it("shows short URLs whole and hides even the tail of a short secret", () => {
    expect(redactedWebhookUrl("https://hooks.example.com/tls")).toBe("https://hooks.example.com/tls");
    expect(redactedWebhookUrl("http://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080/");
    expect(redactedWebhookUrl("https://example.com/a/b?k=1")).toBe("https://example.com/a/…");
  });
});
