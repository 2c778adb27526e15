/**
 * Every message the product sends goes through here.
 *
 * Email goes out over SMTP when SMTP_URL is set. Otherwise, and for text
 * messages until an SMS gateway is configured, it is kept in the outbox
 * table: an admin reads it at /admin/outbox (and passes a reset link on by
 * hand), and tests assert on it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type OutgoingMessage = { channel: "email" | "sms"; to: string; subject: string; body: string };

let transport: Transporter | undefined;

export async function sendMessage(message: OutgoingMessage): Promise<void> {
  const settings = env();
  if (message.channel === "email" && settings.SMTP_URL) {
    transport ??= nodemailer.createTransport(settings.SMTP_URL);
    await transport.sendMail({ from: settings.MAIL_FROM, to: message.to, subject: message.subject, text: message.body });
    return;
  }
  await db.outboxMessage.create({ data: message });
}

/**
 * Sends without making the request wait for a mail server, so a reset for
 * an existing account answers as fast as one for an unknown address.
 */
export function sendInBackground(message: OutgoingMessage): Promise<void> {
  return sendMessage(message).catch((error: unknown) => {
    console.error(`Could not send a message to ${message.channel} recipient:`, error);
  });
}

const PAGE = 50;

/** Newest first, for admins (routes/admin.outbox.tsx checks the role). */
export async function listOutbox({ page = 1 }: { page?: number }) {
  const [messages, total] = await Promise.all([
    db.outboxMessage.findMany({ orderBy: { id: "desc" }, skip: (page - 1) * PAGE, take: PAGE }),
    db.outboxMessage.count(),
  ]);
  return { messages, total, pages: Math.max(1, Math.ceil(total / PAGE)) };
}
