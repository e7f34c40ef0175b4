import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import Link from "next/link";
import { NewTenantForm } from "@/components/support-tenants/new-tenant-form";
import { StatTile } from "@/components/support-tenants/stat-tile";
import { TenantsTable } from "@/components/support-tenants/tenants-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { requestedPage } from "@/lib/dal/page-cursor";
import { listTenantsPage, providerTotals } from "@/lib/dal/tenants";
import { firstParam, hrefWith, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Dashboard" };

export default async function SupportDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/support");
  if (!can(caller.role, "tenant.read_all")) forbidden();

  const params = await searchParams;
  const q = firstParam(params, "q", 100);
  const requested = requestedPage(params);
  const db = getDb();
  const [totals, page] = await Promise.all([
    providerTotals(db, caller),
    listTenantsPage(db, caller, { search: q, ...requested }),
  ]);

  return (
    <>
      <PageHeader title="Dashboard" description="Every customer organisation and the state of its connections." />
      <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <StatTile label="Tenants" value={totals.tenants} />
        <StatTile label="Available" value={totals.connections.available} tone="success" href="/support/connections?status=available" />
        <StatTile label="In progress" value={totals.connections.inProgress} tone="info" href="/support/connections" />
        <StatTile label="Failed" value={totals.connections.failed} tone="danger" href="/support/connections?status=failed" />
        <StatTile label="Held endpoint requests" value={totals.heldEndpointRequests} tone="warning" href="/support/endpoints" />
      </dl>

      {can(caller.role, "tenant.create") && (
        <Card title="New tenant" description="Create a customer organisation and, optionally, invite its first admin." className="mb-8">
          <NewTenantForm />
        </Card>
      )}

      <section aria-labelledby="tenants-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="tenants-heading" className="text-sm font-semibold text-slate-900">
            Tenants
          </h2>
          <form method="get" action="/support" role="search" className="flex items-center gap-2">
            <label htmlFor="tenant-search" className="sr-only">
              Search tenants
            </label>
            <input
              id="tenant-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={100}
              placeholder="Search by name or slug"
              className="w-64 rounded-md border-0 bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
            />
            <button type="submit" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
              Search
            </button>
            {q && (
              <Link href="/support" className="text-sm font-medium text-slate-600 hover:text-slate-900">
                Clear
              </Link>
            )}
          </form>
        </div>
        <TenantsTable rows={page.rows} emptyText={q ? `No tenant matches “${q}”.` : "No tenants yet. Create the first one above."} />
        <Pager
          label="Tenant pages"
          previousHref={page.previous ? hrefWith("/support", { q, before: page.previous }) : null}
          nextHref={page.next ? hrefWith("/support", { q, after: page.next }) : null}
          firstHref={requested.cursor ? hrefWith("/support", { q }) : null}
        />
      </section>
    </>
  );
}
