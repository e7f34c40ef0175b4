import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { ConnectionLink, ProductsCell, SourceCell, StatusCell, TypeCell } from "@/components/connections/connection-list-cells";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can, isProviderRole } from "@/lib/auth/permissions";
import { listConnections } from "@/lib/dal/connection-list";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const caller = await signedInCaller("/connections");
  if (isProviderRole(caller.role)) redirect("/support/connections");
  if (!can(caller.role, "connection.read")) forbidden();
  const rows = await listConnections(getDb(), caller);
  const canCreate = can(caller.role, "connection.create");

  return (
    <>
      <PageHeader
        title="Connections"
        description="Private connections from your networks to our service."
        actions={
          canCreate && (
            <Link href="/connections/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
              New connection
            </Link>
          )
        }
      />
      <DataTable
        caption="Your connections"
        rows={rows}
        rowKey={(r) => r.id}
        empty={canCreate ? "No connections yet. Create one to reach our service privately." : "No connections yet."}
        columns={[
          { header: "Connection", cell: (r) => <ConnectionLink row={r} /> },
          { header: "Type", cell: (r) => <TypeCell row={r} /> },
          { header: "From", cell: (r) => <SourceCell row={r} /> },
          { header: "Products", cell: (r) => <ProductsCell row={r} /> },
          { header: "Status", cell: (r) => <StatusCell row={r} /> },
          { header: "Created", cell: (r) => <DateTime value={r.createdAt} /> },
        ]}
      />
    </>
  );
}
