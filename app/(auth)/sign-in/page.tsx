import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { homePathFor } from "@/components/shell/nav-items";
import { OrDivider } from "@/components/ui/or-divider";
import { oidcEnabled } from "@/lib/auth/auth";
import { getCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { safeCallbackPath } from "./callback-path";
import { SignInForm } from "./sign-in-form";
import { SsoButton } from "./sso-button";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends failed single sign-on back here with `?error=<type>`.
const SSO_ERRORS: Record<string, string> = {
  AccessDenied: "Your single sign-on account has no access to Onramp. Ask your admin for an invitation.",
  Configuration: "Single sign-on is not working right now. Try again later or sign in with your password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  const caller = await getCaller();
  if (caller) redirect(callbackUrl ?? homePathFor(caller.role));
  const errorType = typeof params.error === "string" ? params.error : null;
  const ssoError = errorType ? (SSO_ERRORS[errorType] ?? "Sign-in did not complete. Please try again.") : null;

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in to Onramp</h1>
      <p className="mt-1 text-sm text-slate-600">Manage your private connections to our service.</p>
      {ssoError && (
        <p role="alert" className="mt-6 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {ssoError}
        </p>
      )}
      <div className="mt-8">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      {oidcEnabled && (
        <>
          <OrDivider />
          <SsoButton providerName={env.AUTH_OIDC_NAME} callbackUrl={callbackUrl} />
        </>
      )}
      <p className="mt-8 text-xs text-slate-500">New here? Accounts are created by invitation from your organisation&apos;s admin.</p>
    </div>
  );
}
