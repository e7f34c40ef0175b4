import Link from "next/link";
import { StatusBadge } from "@/components/connections/status-badge";
import { SiteToSiteDeliverables } from "@/components/site-to-site/deliverables/site-to-site-deliverables";
import { PageHeader } from "@/components/ui/page-header";
import { can, isProviderRole, type Role } from "@/lib/auth/permissions";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import type { SiteToSiteConnection as Connection, SiteToSiteParams } from "@/lib/dal/site-to-site-connections";
import { isSandbox } from "@/lib/env";
import { RemoveSiteToSiteButton } from "./remove-site-to-site-button";
import { SimulateTunnelsPanel } from "./simulate-tunnels-panel";
import { SiteToSitePathCard, type PathSetup } from "./site-to-site-path-card";
import { SiteToSiteProgress } from "./site-to-site-progress";
import { SiteToSiteSupport } from "./site-to-site-support";

const CLOUDS: Record<NonNullable<SiteToSiteParams["cloud"]>, string> = {
  azure: "Azure",
  gcp: "Google Cloud",
  oracle: "Oracle Cloud",
  other: "Other cloud",
};

function whereLabel(params: SiteToSiteParams): string {
  return params.location === "other_cloud" && params.cloud ? CLOUDS[params.cloud] : "On premises";
}

function routingLabel(params: SiteToSiteParams): string {
  return params.routing.type === "bgp" ? `BGP, AS ${params.routing.asn}` : "static routes";
}

/** A Site-to-Site VPN connection's page body: live provisioning on the left, the customer's side on the right. */
export function SiteToSiteConnection({
  connection: c,
  view,
  role,
  tenantName,
}: {
  connection: Connection;
  view: SiteToSiteStatusView;
  role: Role;
  tenantName: string;
}) {
  const live = view.status !== "removing" && view.status !== "removed";
  const where = whereLabel(c.params);
  const setup: PathSetup = {
    site: { name: c.params.siteName, where, deviceIp: c.params.deviceIp, cidrs: c.params.onPremCidrs },
    accelerated: c.params.accelerated,
    products: c.products,
  };

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {c.params.siteName}
            <StatusBadge status={view.status} />
          </span>
        }
        description={
          <>
            Site-to-Site VPN from {where === "On premises" ? "your premises" : where} ({routingLabel(c.params)}
            {c.params.accelerated ? ", accelerated" : ""}) to {c.products.map((product) => product.productName).join(", ")} in{" "}
            <span className="font-mono">{c.params.region}</span>
            {isProviderRole(role) && (
              <>
                {" "}
                · tenant{" "}
                <Link href={`/support/tenants/${c.tenantId}`} className="text-brand-700 hover:underline">
                  {tenantName}
                </Link>
              </>
            )}
          </>
        }
        actions={live && can(role, "connection.remove") && <RemoveSiteToSiteButton initial={view} />}
      />
      <div className="space-y-6">
        {view.status !== "removed" && <SiteToSitePathCard initial={view} setup={setup} />}
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div className="space-y-6">
            <SiteToSiteProgress initial={view} accelerated={c.params.accelerated} />
          </div>
          <div className="space-y-6">
            {can(role, "connection.repair") && <SiteToSiteSupport initial={view} accelerated={c.params.accelerated} />}
            {isSandbox && live && can(role, "connection.simulate") && <SimulateTunnelsPanel initial={view} />}
            {live && <SiteToSiteDeliverables connection={c} view={view} canRevealSecrets={can(role, "connection.secrets")} />}
          </div>
        </div>
      </div>
    </>
  );
}
