import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { mailConfigured, sendInvitationMail } from "@/lib/mail/send-invitation";

export interface InvitationDelivery {
  email: string;
  /** True when the link went out by e-mail; the inviter then never sees it. */
  emailed: boolean;
  /** The link for the inviter to pass on, when it was not e-mailed. */
  link: string | null;
  /** Set when SMTP is configured but sending failed, so the inviter knows to copy the link. */
  mailFailed: boolean;
}

/**
 * The portal's own address for links. Without ONRAMP_PUBLIC_URL it is the origin the inviter is
 * using, which is right for the link they copy themselves.
 */
async function publicOrigin(): Promise<string> {
  if (env.ONRAMP_PUBLIC_URL) return env.ONRAMP_PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** E-mails the invitation link when SMTP is configured, otherwise hands it back to show. */
export async function deliverInvitation(invitation: { token: string; email: string; tenantName: string }): Promise<InvitationDelivery> {
  const link = `${await publicOrigin()}/invite/${encodeURIComponent(invitation.token)}`;
  if (!mailConfigured) return { email: invitation.email, emailed: false, link, mailFailed: false };
  try {
    await sendInvitationMail(invitation.email, invitation.tenantName, link);
    return { email: invitation.email, emailed: true, link: null, mailFailed: false };
  } catch (error) {
    console.error("[onramp] sending an invitation e-mail failed", error);
    return { email: invitation.email, emailed: false, link, mailFailed: true };
  }
}
