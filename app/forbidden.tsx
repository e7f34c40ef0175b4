import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { homePathFor } from "@/components/shell/nav-items";
import { getCaller } from "@/lib/auth/caller";

export const metadata: Metadata = { title: "No access" };

/** Rendered with HTTP 403 when a page calls forbidden(): the caller's role does not allow it. */
export default async function Forbidden() {
  const caller = await getCaller();
  return <AccessDenied homeHref={caller ? homePathFor(caller.role) : "/sign-in"} />;
}
