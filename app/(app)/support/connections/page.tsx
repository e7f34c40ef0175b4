import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import Link from "next/link";
import { ConnectionLink, ProductsCell, SourceCell, StatusCell, TYPE_LABELS, TypeCell } from "@/components/connections/connection-list-cells";
import { STATUS_LABELS } from "@/components/connections/status-badge";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { CONNECTIVITY_TYPES, LISTED_STATUSES, searchConnections } from "@/lib/dal/connection-list";
import { firstParam, hrefWith, isUuid, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "All connections" };

const PAGE_SIZE = 50;

/** A query parameter that must be one of `allowed`; anything else means "no filter". */
function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

const selectClass = "rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300";

export default async function SupportConnectionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/support/connections");
  if (!can(caller.role, "tenant.read_all")) forbidden();
  const params = await searchParams;
  const type = oneOf(CONNECTIVITY_TYPES, firstParam(params, "type"));
  const status = oneOf(LISTED_STATUSES, firstParam(params, "status"));
  const q = firstParam(params, "q", 100) ?? "";
  const tenant = firstParam(params, "tenant");
  const tenantId = tenant && isUuid(tenant) ? tenant : undefined;
  const page = Math.min(Math.max(1, Number.parseInt(firstParam(params, "page") ?? "", 10) || 1), 10_000);
  const { rows, total } = await searchConnections(getDb(), caller, { type, status, q: q || undefined, tenantId, page, pageSize: PAGE_SIZE });

  const hrefFor = (p: number) => hrefWith("/support/connections", { type, status, q, tenant: tenantId, page: p > 1 ? String(p) : null });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader title="All connections" description={`${total} connection${total === 1 ? "" : "s"} across all tenants.`} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">Search</span>
          <input
            name="q"
            defaultValue={q}
            maxLength={100}
            placeholder="Tenant, site, account ID, vpce-… or device IP"
            className="w-80 rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">Type</span>
          <select name="type" defaultValue={type ?? ""} className={selectClass}>
            <option value="">Any type</option>
            {CONNECTIVITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">Status</span>
          <select name="status" defaultValue={status ?? ""} className={selectClass}>
            <option value="">Any status</option>
            {LISTED_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {tenantId && <input type="hidden" name="tenant" value={tenantId} />}
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Filter
        </button>
      </form>
      <DataTable
        caption="Connections of all tenants"
        rows={rows}
        rowKey={(r) => r.id}
        empty="No connections match."
        columns={[
          {
            header: "Tenant",
            cell: (r) => (
              <Link href={`/support/tenants/${r.tenantId}`} className="text-brand-700 hover:underline">
                {r.tenantName}
              </Link>
            ),
          },
          { header: "Connection", cell: (r) => <ConnectionLink row={r} /> },
          { header: "Type", cell: (r) => <TypeCell row={r} /> },
          { header: "From", cell: (r) => <SourceCell row={r} /> },
          { header: "Products", cell: (r) => <ProductsCell row={r} /> },
          { header: "Status", cell: (r) => <StatusCell row={r} forSupport /> },
          { header: "Updated", cell: (r) => <DateTime value={r.updatedAt} /> },
        ]}
      />
      <p className="mt-3 text-xs text-slate-500">
        Page {page} of {pages}
      </p>
      <Pager
        label="Connections pages"
        previousHref={page > 1 ? hrefFor(page - 1) : null}
        nextHref={page < pages ? hrefFor(page + 1) : null}
        firstHref={page > 2 ? hrefFor(1) : null}
      />
    </>
  );
}
