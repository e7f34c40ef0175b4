import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EnvironmentCard } from "@/components/support-client-vpn/environment-card";
import { StatTile } from "@/components/support-tenants/stat-tile";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { clientVpnEnvironmentOverview, type EnvironmentOverview } from "@/lib/connectivity/client-vpn/environment-overview";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Client VPN" };

function byRegion(environments: readonly EnvironmentOverview[]): Array<[string, EnvironmentOverview[]]> {
  const regions = new Map<string, EnvironmentOverview[]>();
  for (const environment of environments) regions.set(environment.region, [...(regions.get(environment.region) ?? []), environment]);
  return [...regions];
}

export default async function SupportClientVpnPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await signedInCaller("/support/client-vpn");
  if (!can(caller.role, "tenant.read_all")) forbidden();
  const includeRemoved = firstParam(await searchParams, "removed") === "1";
  const environments = await clientVpnEnvironmentOverview(getDb(), caller, { includeRemoved });
  const live = environments.filter((environment) => environment.status !== "removed");
  const canRepair = can(caller.role, "connection.repair");

  return (
    <>
      <PageHeader
        title="Client VPN"
        description="The provider's Client VPN environments per region: their endpoints, how full they are, what failed and what to retry."
        actions={
          <Link
            href={includeRemoved ? "/support/client-vpn" : "/support/client-vpn?removed=1"}
            className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            {includeRemoved ? "Hide removed environments" : "Show removed environments"}
          </Link>
        }
      />
      <dl className="mb-8 grid grid-cols-2 gap-3 lg:max-w-3xl lg:grid-cols-4" aria-label="Client VPN totals">
        <StatTile label="Environments" value={live.length} />
        <StatTile label="Failed runs" value={live.filter((environment) => environment.run?.failure).length} tone="danger" />
        <StatTile label="Tenants placed" value={live.reduce((sum, environment) => sum + environment.capacity.tenants.used, 0)} tone="info" />
        <StatTile label="Active devices" value={live.reduce((sum, environment) => sum + environment.capacity.devices.used, 0)} tone="info" />
      </dl>
      {environments.length === 0 && <p className="text-sm text-slate-600">No Client VPN environment yet: the first tenant to ask for Client VPN in a region starts one.</p>}
      <div className="space-y-10">
        {byRegion(environments).map(([region, inRegion]) => (
          <section key={region} aria-labelledby={`region-${region}`} className="space-y-4">
            <h2 id={`region-${region}`} className="text-base font-semibold text-slate-900">
              {region} <span className="font-normal text-slate-500">({inRegion.length})</span>
            </h2>
            {inRegion.map((environment) => (
              <EnvironmentCard key={environment.id} environment={environment} canRepair={canRepair} />
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
