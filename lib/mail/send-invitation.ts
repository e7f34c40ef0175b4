import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export const mailConfigured = Boolean(env.SMTP_URL);

/** Sends the invitation link. Only called when SMTP is configured; otherwise the inviter copies it. */
export async function sendInvitationMail(to: string, tenantName: string, link: string): Promise<void> {
  if (!env.SMTP_URL) throw new Error("SMTP is not configured");
  const transport = nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({
    from: env.SMTP_FROM,
    to,
    subject: `You are invited to ${tenantName} on Onramp`,
    text: `You have been invited to manage private connectivity for ${tenantName}.\n\nAccept the invitation: ${link}\n\nThe link works once and expires in 7 days.`,
  });
}
