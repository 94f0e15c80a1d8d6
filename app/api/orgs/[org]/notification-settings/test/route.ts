import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { sendTestEmail } from "@/lib/server/notifications/test-send";

/** Sends a test e-mail to the digest's recipients now; 409 when SMTP is not configured. */
export const POST = orgRoute(OPERATIONS.sendTestNotification, async (ctx) => json(await sendTestEmail(ctx)));
