import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can, isProviderRole } from "@/lib/auth/permissions";
import { listAuditActions, listAuditEntries } from "@/lib/dal/audit";
import { requestedPage } from "@/lib/dal/page-cursor";
import { findTenantIdBySlug } from "@/lib/dal/tenants";
import { firstParam, hrefWith, isUuid, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function SupportAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/support/audit");
  if (!isProviderRole(caller.role) || !can(caller.role, "audit.read")) forbidden();

  const params = await searchParams;
  const values = {
    action: firstParam(params, "action", 100),
    actor: firstParam(params, "actor", 254),
    tenant: firstParam(params, "tenant", 100),
    from: firstParam(params, "from", 10),
    to: firstParam(params, "to", 10),
  };
  const db = getDb();
  // People say a tenant's slug out loud; links from the tenant page carry its id.
  const tenantId = values.tenant ? (isUuid(values.tenant) ? values.tenant : await findTenantIdBySlug(db, caller, values.tenant)) : undefined;
  const tenantError = values.tenant && !tenantId ? "No tenant with this slug or ID." : undefined;

  const requested = requestedPage(params);
  const filters = {
    tenantId: tenantId ?? undefined,
    action: values.action,
    actorEmail: values.actor,
    fromDay: values.from && DAY.test(values.from) ? values.from : undefined,
    toDay: values.to && DAY.test(values.to) ? values.to : undefined,
  };
  const [actions, page] = await Promise.all([
    listAuditActions(db),
    tenantError
      ? Promise.resolve({ rows: [], next: null, previous: null })
      : listAuditEntries(db, caller, { filters, ...requested }),
  ]);

  return (
    <>
      <PageHeader title="Audit log" description="Every change in every tenant: who, in which role, what, on what, when and from which address." />
      <AuditFilters path="/support/audit" actions={actions} values={values} full tenantError={tenantError} />
      <AuditTable rows={page.rows} showTenant />
      <Pager
        label="Audit log pages"
        previousHref={page.previous ? hrefWith("/support/audit", { ...values, before: page.previous }) : null}
        nextHref={page.next ? hrefWith("/support/audit", { ...values, after: page.next }) : null}
        firstHref={requested.cursor ? hrefWith("/support/audit", values) : null}
      />
    </>
  );
}
