import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

/**
 * The one mailer (expiry digests, invitations, test mails): SMTP_URL is the operator's relay, so it is not a
 * user-entered destination and does not go through the outbound guard. Every step has a deadline, so a silent relay
 * costs a request or a delivery run at most SEND_DEADLINE_MS.
 */
const SEND_DEADLINE_MS = 15_000;

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Whether mail can go out at all: the settings page says so plainly when it cannot. */
export const smtpConfigured = (env: Record<string, string | undefined> = process.env) => !!env.SMTP_URL?.trim();

const fromAddress = () => process.env.SMTP_FROM?.trim() || "tls-console@localhost";

const cache = globalThis as unknown as { tlsConsoleMailer?: { url: string; transport: Transporter } };

function transport(): Transporter {
  const url = process.env.SMTP_URL?.trim();
  if (!url) throw new Error("SMTP_URL is not set");
  if (cache.tlsConsoleMailer?.url !== url) {
    cache.tlsConsoleMailer = {
      url,
      // Options beside `url` apply where the URL does not set them (nodemailer merges them so).
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: SEND_DEADLINE_MS,
        greetingTimeout: SEND_DEADLINE_MS,
        socketTimeout: SEND_DEADLINE_MS,
      }),
    };
  }
  return cache.tlsConsoleMailer.transport;
}

/** Sends one message to every address at once (one SMTP transaction); throws when the relay refuses it. */
export async function sendMail(mail: Mail): Promise<void> {
  await transport().sendMail({ from: fromAddress(), to: mail.to, subject: mail.subject, text: mail.text });
}
