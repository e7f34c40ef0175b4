import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { DedicatedClientVpnForm } from "@/components/support-tenants/dedicated-client-vpn-form";
import { StatTile } from "@/components/support-tenants/stat-tile";
import { TeamSections } from "@/components/team/team-sections";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { dedicatedClientVpnOf } from "@/lib/connectivity/client-vpn/dedicated";
import { countConnectionsByTenant, emptyCounts } from "@/lib/dal/connection-list";
import { listMembers, listOpenInvitations } from "@/lib/dal/members";
import { getTenant } from "@/lib/dal/tenants";
import { hrefWith, isUuid } from "@/lib/search-params";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await signedInCaller(`/support/tenants/${encodeURIComponent(id)}`);
  if (!can(caller.role, "tenant.read_all")) forbidden();
  if (!isUuid(id)) notFound();

  const db = getDb();
  const tenant = await getTenant(db, caller, id);
  if (!tenant) notFound();
  const [members, invitations, counts, dedicatedClientVpn] = await Promise.all([
    listMembers(db, caller, tenant.id),
    listOpenInvitations(db, caller, tenant.id),
    countConnectionsByTenant(db, caller, [tenant.id]),
    dedicatedClientVpnOf(db, caller, tenant.id),
  ]);
  const connections = counts.get(tenant.id) ?? emptyCounts();
  const listOf = (status?: string) => hrefWith("/support/connections", { tenant: tenant.id, status });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/support" className="text-slate-500 hover:text-slate-800">
          Dashboard
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-300">
          /
        </span>
        <span className="text-slate-700">{tenant.name}</span>
      </nav>
      <PageHeader
        title={tenant.name}
        description={
          <>
            <span className="font-mono">{tenant.slug}</span> · created <DateTime value={tenant.createdAt} />
          </>
        }
        actions={
          <>
            <Link
              href={`/support/connections?tenant=${tenant.id}`}
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              View connections
            </Link>
            <Link
              href={`/support/audit?tenant=${tenant.id}`}
              className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Audit log
            </Link>
          </>
        }
      />
      <dl className="mb-8 grid grid-cols-3 gap-3 lg:max-w-2xl" aria-label="Connections of this tenant">
        <StatTile label="Available" value={connections.available} tone="success" href={listOf("available")} />
        <StatTile label="In progress" value={connections.inProgress} tone="info" href={listOf()} />
        <StatTile label="Failed" value={connections.failed} tone="danger" href={listOf("failed")} />
      </dl>
      <section aria-labelledby="client-vpn-endpoint" className="mb-8 lg:max-w-2xl">
        <h2 id="client-vpn-endpoint" className="mb-3 text-base font-semibold text-slate-900">
          Client VPN endpoint
        </h2>
        {can(caller.role, "settings.manage") ? (
          <DedicatedClientVpnForm tenantId={tenant.id} current={dedicatedClientVpn} />
        ) : (
          <p className="text-sm text-slate-600">
            {dedicatedClientVpn ? "Dedicated: the tenant's Client VPN connections get an endpoint of their own." : "Shared with other tenants of the region."}
          </p>
        )}
        <p className="mt-2 text-sm">
          <Link href="/support/client-vpn" className="text-brand-700 hover:underline">
            Every Client VPN endpoint, how full it is and who is on it
          </Link>
        </p>
      </section>
      <TeamSections caller={caller} members={members} invitations={invitations} invite={{ title: `Invite someone to ${tenant.name}`, description: "The link works once and expires in 7 days.", tenantId: tenant.id }} />
    </>
  );
}
