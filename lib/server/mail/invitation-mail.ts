import "server-only";
import { sendMail, smtpConfigured } from "@/lib/server/mail/mailer";
import { logger } from "@/lib/server/platform/logger";

/**
 * Mails the one-time link to the invited address when SMTP is configured. The inviter still sees the link once, so a
 * relay that refuses does not undo the invitation: the answer says whether the mail went out.
 */
export async function mailInvitation(
  invitation: { email: string; link: string; expiresAt: string; orgTitle: string; invitedBy: string },
  requestId: string,
): Promise<boolean> {
  if (!smtpConfigured()) return false;
  try {
    await sendMail({
      to: [invitation.email],
      subject: `You are invited to ${invitation.orgTitle} on the TLS console`,
      text: [
        `${invitation.invitedBy} invited you to ${invitation.orgTitle}.`,
        "",
        `Open this link to accept (it works once, until ${invitation.expiresAt.slice(0, 16).replace("T", " ")} UTC):`,
        invitation.link,
        "",
        "If you did not expect this, ignore this message.",
      ].join("\n"),
    });
    return true;
  } catch (e) {
    // The link is a credential: log the failure, never the message.
    logger.warn({ err: e instanceof Error ? e.message : String(e), requestId }, "invitation mail not sent");
    return false;
  }
}
