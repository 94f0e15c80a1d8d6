import "server-only";
import { createHmac } from "node:crypto";
import { OutboundRefused } from "@/lib/server/outbound/destination";
import { guardedPost } from "@/lib/server/outbound/guarded-post";
import { logger } from "@/lib/server/platform/logger";

/** A receiver that has not answered in this time counts as a failed attempt (retried by the schedule). */
const WEBHOOK_TIMEOUT_MS = 10_000;

const SIGNATURE_HEADER = "x-tls-console-signature";

/** `sha256=<hex HMAC-SHA256 of the raw body>`: the receiver recomputes it with the shared secret. */
const signature = (body: string, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

interface PostOutcome {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed, in words; empty when the receiver answered 2xx. */
  error: string;
}

/**
 * Every webhook request goes through the outbound guard (pinned, checked address; no redirects; deadline). A refusal
 * or an answer other than 2xx is a failed attempt; the reason is kept for the delivery log.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  meta: { event: string; deliveryId: string },
): Promise<PostOutcome> {
  try {
    const res = await guardedPost(url, {
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "tls-console-webhooks",
        [SIGNATURE_HEADER]: signature(body, secret),
        "x-tls-console-event": meta.event,
        "x-tls-console-delivery": meta.deliveryId,
      },
      timeoutMs: WEBHOOK_TIMEOUT_MS,
    });
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? "" : `The receiver answered HTTP ${res.status}.` };
  } catch (e) {
    if (e instanceof OutboundRefused) return { ok: false, statusCode: null, error: e.message };
    logger.error({ err: e, deliveryId: meta.deliveryId }, "unexpected error delivering a webhook");
    return { ok: false, statusCode: null, error: "Unexpected error while sending; see the server log." };
  }
}
