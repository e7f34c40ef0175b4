import type { Metadata } from "next";
import Link from "next/link";
import { SsoButton } from "@/app/(auth)/sign-in/sso-button";
import { OrDivider } from "@/components/ui/or-divider";
import { getDb } from "@/db/client";
import { oidcEnabled } from "@/lib/auth/auth";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { findOpenInvitation } from "@/lib/dal/invitations";
import { env } from "@/lib/env";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  customer_admin: "You can create and remove connections and manage your team.",
  customer_viewer: "You can see your organisation's connections and activity.",
  provider_support: "You can support every customer organisation.",
  provider_admin: "You can support every customer organisation and configure the portal.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 128 ? await findOpenInvitation(getDb(), token) : null;

  if (!invitation) {
    return (
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">This invitation cannot be used</h1>
        <p className="mt-3 text-sm text-slate-600">
          The link is invalid, has already been used, or has expired. Ask your organisation&apos;s admin to send you a new invitation.
        </p>
        <p className="mt-6 text-sm">
          <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
            Already have an account? Sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Join {invitation.tenantName} on Onramp</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-100 px-4 py-3 text-sm">
        <dt className="text-slate-500">E-mail</dt>
        <dd className="font-medium text-slate-900 break-all">{invitation.email}</dd>
        <dt className="text-slate-500">Role</dt>
        <dd className="font-medium text-slate-900">{ROLE_LABELS[invitation.role]}</dd>
      </dl>
      <p className="mt-2 text-xs text-slate-500">{ROLE_DESCRIPTIONS[invitation.role]}</p>
      <div className="mt-8">
        <AcceptInvitationForm token={token} email={invitation.email} />
      </div>
      {oidcEnabled && (
        <>
          <OrDivider />
          <SsoButton providerName={env.AUTH_OIDC_NAME} callbackUrl="/connections" label={`Accept with ${env.AUTH_OIDC_NAME}`} />
          <p className="mt-2 text-xs text-slate-500">Use the single sign-on account for {invitation.email}.</p>
        </>
      )}
    </div>
  );
}
