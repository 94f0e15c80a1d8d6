import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { failure, stamped } from "@/lib/server/faces/rest/handler";
import { textStream } from "@/lib/server/faces/rest/text-stream";
import { expiryCalendar } from "@/lib/server/lifecycle/calendar";
import { organizationOfFeed } from "@/lib/server/lifecycle/calendar-feeds";

/**
 * The secret feed URL a calendar application subscribes to: the token in the query string is the only credential
 * (calendar applications send no headers), so it is never logged (`failure` logs the path alone) and every refusal
 * is the same 404, whether the organization exists or not (ADR 021).
 */
export const GET = async (req: Request, { params }: { params: Promise<{ org: string }> }): Promise<Response> => {
  const requestId = randomUUID();
  try {
    const { org } = await params;
    const found = await organizationOfFeed(org, new URL(req.url).searchParams.get("token"));
    if (!found) throw new AppError("NOT_FOUND", "No such calendar feed.");
    const body = await textStream(expiryCalendar(found, new Date()), requestId);
    const headers = {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `inline; filename="${found.name}-expiry.ics"`,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    };
    return stamped(new Response(body, { headers }), requestId);
  } catch (e) {
    return stamped(failure(e, req, requestId), requestId);
  }
};
