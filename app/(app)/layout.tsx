import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { navItemsFor } from "@/components/shell/nav-items";
import { getDb } from "@/db/client";
import { getCaller } from "@/lib/auth/caller";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getTenant } from "@/lib/dal/tenants";
import { isSandbox } from "@/lib/env";

/**
 * The frame around every signed-in page. It reads the caller only to draw the navigation;
 * each page and action still checks its own permission.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in");
  const tenant = caller.tenantId ? await getTenant(getDb(), caller, caller.tenantId) : null;
  return (
    <AppShell
      user={{ name: caller.name, email: caller.email, roleLabel: ROLE_LABELS[caller.role] }}
      context={tenant?.name ?? "Provider console"}
      nav={navItemsFor(caller.role).map(({ href, label }) => ({ href, label }))}
      sandbox={isSandbox}
    >
      {children}
    </AppShell>
  );
}
