import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import type { TenantListRow } from "@/lib/dal/tenants";

function Count({ n, label, tone }: { n: number; label: string; tone: string }) {
  return (
    <span className={n === 0 ? "text-slate-300" : tone}>
      <span className="font-semibold tabular-nums">{n}</span> <span className="text-xs">{label}</span>
    </span>
  );
}

export function TenantsTable({ rows, emptyText }: { rows: TenantListRow[]; emptyText: string }) {
  return (
    <DataTable
      caption="Tenants"
      rows={rows}
      rowKey={(t) => t.id}
      empty={emptyText}
      columns={[
        {
          header: "Tenant",
          cell: (t) => (
            <div>
              <Link href={`/support/tenants/${t.id}`} className="font-medium text-brand-700 hover:underline">
                {t.name}
              </Link>
              <p className="font-mono text-xs text-slate-500">{t.slug}</p>
            </div>
          ),
        },
        {
          header: "Connections",
          cell: (t) => (
            <Link
              href={`/support/connections?tenant=${t.id}`}
              className="flex flex-wrap gap-x-3 gap-y-1 hover:underline"
              aria-label={`Connections of ${t.name}: ${t.connections.available} available, ${t.connections.inProgress} in progress, ${t.connections.failed} failed`}
            >
              <Count n={t.connections.available} label="available" tone="text-emerald-700" />
              <Count n={t.connections.inProgress} label="in progress" tone="text-brand-700" />
              <Count n={t.connections.failed} label="failed" tone="text-red-700" />
            </Link>
          ),
        },
        { header: "Created", cell: (t) => <DateTime value={t.createdAt} /> },
      ]}
    />
  );
}
