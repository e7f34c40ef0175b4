import Link from "next/link";
import { StatusBadge } from "@/components/connections/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { can, isProviderRole, type Role } from "@/lib/auth/permissions";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { isSandbox } from "@/lib/env";
import { ClientVpnProgress } from "./client-vpn-progress";
import { DevicesCard } from "./devices-card";
import { InstallSteps } from "./install-steps";
import { RemoveClientVpnButton } from "./remove-client-vpn-button";
import { ConnectionAttemptsCard } from "./connection-attempts-card";
import { SessionsCard } from "./sessions-card";
import { SimulateDevicesPanel } from "./simulate-devices-panel";

/**
 * A Client VPN connection's page body: the tenant's access in one region to that region's shared
 * endpoint: its devices, who is connected now, and how to install and test a configuration.
 */
export function ClientVpnConnection({
  view,
  role,
  tenantId,
  tenantName,
}: {
  view: ClientVpnStatusView;
  role: Role;
  tenantId: string;
  tenantName: string;
}) {
  const live = view.status !== "removing" && view.status !== "removed";
  const canManage = can(role, "client_vpn.device.manage");
  const progress = <ClientVpnProgress initial={view} canRetry={can(role, "connection.repair")} />;
  const products = view.products.map((product) => product.productName).join(", ");
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {view.label ?? `Client VPN in ${view.region}`}
            <StatusBadge status={view.status} />
          </span>
        }
        description={
          <>
            Client VPN for your devices and people to {products} in <span className="font-mono">{view.region}</span>
            {isProviderRole(role) && (
              <>
                {" "}
                · tenant{" "}
                <Link href={`/support/tenants/${tenantId}`} className="text-brand-700 hover:underline">
                  {tenantName}
                </Link>
              </>
            )}
          </>
        }
        actions={live && can(role, "connection.remove") && <RemoveClientVpnButton initial={view} />}
      />
      {/* The tables get the full width; the status, the sandbox's device and the install steps share a row below. */}
      <div className="space-y-6">
        {view.status !== "available" && progress}
        {view.status !== "removed" && <DevicesCard initial={view} canManage={canManage} />}
        {view.status === "available" && <SessionsCard initial={view} canManage={canManage} />}
        {view.status === "available" && <ConnectionAttemptsCard initial={view} />}
        <div className="grid gap-6 lg:grid-cols-2">
          {live && <InstallSteps view={view} />}
          <div className="space-y-6">
            {isSandbox && view.status === "available" && can(role, "connection.simulate") && <SimulateDevicesPanel initial={view} />}
            {view.status === "available" && progress}
          </div>
        </div>
      </div>
    </>
  );
}
