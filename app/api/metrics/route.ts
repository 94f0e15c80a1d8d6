import { randomUUID } from "node:crypto";
import { authorizeScrape } from "@/lib/server/access/metrics-auth";
import { failure, stamped } from "@/lib/server/faces/rest/handler";
import { textStream } from "@/lib/server/faces/rest/text-stream";
import { METRICS_CONTENT_TYPE, metricsExposition } from "@/lib/server/lifecycle/metrics";

/** Prometheus text format, read from the database at scrape time (ADR 021). Never cached: every scrape is fresh. */
export const GET = async (req: Request): Promise<Response> => {
  const requestId = randomUUID();
  try {
    await authorizeScrape(req.headers.get("authorization"));
    const body = await textStream(metricsExposition(), requestId);
    const headers = { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" };
    return stamped(new Response(body, { headers }), requestId);
  } catch (e) {
    return stamped(failure(e, req, requestId), requestId);
  }
};
