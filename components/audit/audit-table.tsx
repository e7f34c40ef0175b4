import { DataTable, type Column } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import type { AuditEntryRow } from "@/lib/dal/audit";

function isRole(value: string): value is Role {
  return ROLES.some((r) => r === value);
}

function roleLabel(role: string | null): string {
  if (!role) return "—";
  if (role === "system") return "System";
  return isRole(role) ? ROLE_LABELS[role] : role;
}

function detailText(detail: AuditEntryRow["detail"]): string | null {
  if (!detail) return null;
  const parts = Object.entries(detail).map(([k, v]) => `${k}: ${v === null ? "—" : String(v)}`);
  return parts.length ? parts.join(" · ") : null;
}

/** The audit trail as a table; the tenant column is for provider staff, who see every tenant. */
export function AuditTable({ rows, showTenant }: { rows: AuditEntryRow[]; showTenant: boolean }) {
  const columns: Column<AuditEntryRow>[] = [
    { header: "When", cell: (r) => <DateTime value={r.at} /> },
    {
      header: "Who",
      cell: (r) => (
        <div>
          <p className="break-words text-slate-900">{r.actorEmail ?? "—"}</p>
          <p className="text-xs text-slate-500">{roleLabel(r.actorRole)}</p>
        </div>
      ),
    },
    ...(showTenant
      ? [{ header: "Tenant", cell: (r: AuditEntryRow) => r.tenantName ?? <span className="text-slate-400">{r.tenantId ? "Deleted tenant" : "—"}</span> }]
      : []),
    {
      header: "What",
      cell: (r) => {
        const detail = detailText(r.detail);
        return (
          <div>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{r.action}</code>
            {detail && <p className="mt-1 max-w-xs break-words text-xs text-slate-500">{detail}</p>}
          </div>
        );
      },
    },
    {
      header: "Target",
      cell: (r) => (
        <div className="text-xs">
          <p className="text-slate-700">{r.targetType}</p>
          {r.targetId && <p className="break-all font-mono text-slate-500">{r.targetId}</p>}
        </div>
      ),
    },
    { header: "From", cell: (r) => <span className="font-mono text-xs text-slate-600">{r.ip ?? "—"}</span> },
  ];
  return <DataTable caption="Audit log" rows={rows} rowKey={(r) => String(r.id)} empty="No matching activity." columns={columns} />;
}
