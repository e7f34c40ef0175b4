import "server-only";
import { redirect } from "next/navigation";
import { type Caller, getCaller } from "./caller";

/**
 * The caller of a page, or a redirect to sign-in when the session is gone. Pages still check the
 * permission they need with can(); this only settles "is anyone signed in".
 */
export async function signedInCaller(returnTo: string): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}
