import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import Link from "next/link";
import { StatusBadge, STATUS_LABELS } from "@/components/connections/status-badge";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import type { ConnectionStatus } from "@/db/schema";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { PRIVATELINK_STATUSES } from "@/db/schema";
import { searchConnections } from "@/lib/dal/connections";
import { firstParam, hrefWith, isUuid, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "All connections" };

const PAGE_SIZE = 50;

function statusParam(value: string | undefined): ConnectionStatus | undefined {
  return PRIVATELINK_STATUSES.find((s) => s === value);
}

export default async function SupportConnectionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/support/connections");
  if (!can(caller.role, "tenant.read_all")) forbidden();
  const params = await searchParams;
  const status = statusParam(firstParam(params, "status"));
  const q = firstParam(params, "q", 100) ?? "";
  const tenant = firstParam(params, "tenant");
  const tenantId = tenant && isUuid(tenant) ? tenant : undefined;
  const page = Math.min(Math.max(1, Number.parseInt(firstParam(params, "page") ?? "", 10) || 1), 10_000);
  const { rows, total } = await searchConnections(getDb(), caller, { status, q: q || undefined, tenantId, page, pageSize: PAGE_SIZE });

  const hrefFor = (p: number) => hrefWith("/support/connections", { status, q, tenant: tenantId, page: p > 1 ? String(p) : null });
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
            placeholder="Tenant name, account ID or vpce-…"
            className="w-72 rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">Status</span>
          <select name="status" defaultValue={status ?? ""} className="rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300">
            <option value="">Any status</option>
            {PRIVATELINK_STATUSES.map((s) => (
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
          {
            header: "Connection",
            cell: (r) => (
              <Link href={`/connections/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.label || `${r.productName} · ${r.region}`}
              </Link>
            ),
          },
          { header: "AWS account", cell: (r) => <span className="font-mono text-xs">{r.awsAccountId}</span> },
          { header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
          { header: "Endpoint", cell: (r) => <span className="font-mono text-xs">{r.vpcEndpointId ?? "—"}</span> },
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
