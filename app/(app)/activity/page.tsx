import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can, isProviderRole } from "@/lib/auth/permissions";
import { listAuditActions, listAuditEntries } from "@/lib/dal/audit";
import { requestedPage } from "@/lib/dal/page-cursor";
import { firstParam, hrefWith, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/activity");
  // Provider staff read every tenant's trail on the support audit page.
  if (isProviderRole(caller.role)) redirect("/support/audit");
  if (!can(caller.role, "audit.read")) forbidden();

  const params = await searchParams;
  const action = firstParam(params, "action", 100);
  const requested = requestedPage(params);
  const db = getDb();
  const [actions, page] = await Promise.all([
    listAuditActions(db),
    listAuditEntries(db, caller, { filters: { action }, ...requested }),
  ]);

  return (
    <>
      <PageHeader title="Activity" description="Everything people in your organisation and Onramp itself have changed, newest first." />
      <AuditFilters path="/activity" actions={actions} values={{ action }} full={false} />
      <AuditTable rows={page.rows} showTenant={false} />
      <Pager
        label="Activity pages"
        previousHref={page.previous ? hrefWith("/activity", { action, before: page.previous }) : null}
        nextHref={page.next ? hrefWith("/activity", { action, after: page.next }) : null}
        firstHref={requested.cursor ? hrefWith("/activity", { action }) : null}
      />
    </>
  );
}
