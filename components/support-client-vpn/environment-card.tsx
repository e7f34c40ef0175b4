import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import type { EnvironmentOverview, ProductAdditionSummary } from "@/lib/connectivity/client-vpn/environment-overview";
import { CapacityMeter } from "./capacity-meter";
import { RetryButton } from "./retry-button";

const ADDITION_TONES: Record<ProductAdditionSummary["status"], Tone> = {
  adding: "info",
  available: "success",
  unreachable: "warning",
  failed: "danger",
};

/** The environment's state as support reads it: a failed run outranks the row's status. */
function StateBadge({ environment }: { environment: EnvironmentOverview }) {
  if (environment.run?.failure) {
    return <Badge tone="danger">{environment.run.direction === "provision" ? "Provisioning failed" : "Removal failed"}</Badge>;
  }
  switch (environment.status) {
    case "available":
      return <Badge tone="success">Available</Badge>;
    case "provisioning":
      return <Badge tone="info">Provisioning</Badge>;
    case "removing":
      return <Badge tone="warning">Removing</Badge>;
    case "removed":
      return <Badge>Removed</Badge>;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const mono = (value: string | null | undefined) => (value ? <span className="font-mono text-xs">{value}</span> : <span className="text-slate-400">not yet</span>);

interface ProductRow {
  key: string;
  productName: string;
  /** Null for a product the environment was built with. */
  addition: ProductAdditionSummary | null;
}

/** One environment: its failure and repair, endpoint, capacity, revocation batch, products and tenants. */
export function EnvironmentCard({ environment, canRepair }: { environment: EnvironmentOverview; canRepair: boolean }) {
  const { run, capacity, revocations } = environment;
  const products: ProductRow[] = [
    ...environment.builtWith.map((product) => ({ key: `built-${product.productRegionId}`, productName: product.productName, addition: null })),
    ...environment.additions.map((addition) => ({ key: addition.id, productName: addition.productName, addition })),
  ];
  const title = environment.dedicatedTenant ? (
    <>
      Dedicated to{" "}
      <Link href={`/support/tenants/${environment.dedicatedTenant.id}`} className="text-brand-700 hover:underline">
        {environment.dedicatedTenant.name}
      </Link>
    </>
  ) : (
    "Shared environment"
  );

  return (
    <Card
      title={title}
      description={
        <>
          <span className="font-mono text-xs">{environment.id}</span> · created <DateTime value={environment.createdAt} />
          {environment.availableAt && (
            <>
              {" "}
              · available since <DateTime value={environment.availableAt} />
            </>
          )}
          {environment.removedAt && (
            <>
              {" "}
              · removed <DateTime value={environment.removedAt} />
            </>
          )}
        </>
      }
      actions={<StateBadge environment={environment} />}
    >
      <div className="space-y-5">
        {run?.failure && (
          <div role="alert" className="flex flex-wrap items-start justify-between gap-3 rounded-md bg-red-50 px-4 py-3 ring-1 ring-red-200">
            <div className="space-y-0.5 text-sm text-red-900">
              <p className="font-medium">
                The {run.direction === "provision" ? "provisioning" : "removal"} run failed at step{" "}
                <span className="font-mono">{run.failure.step ?? "unknown"}</span>
                {run.failure.code && (
                  <>
                    {" "}
                    with <span className="font-mono">{run.failure.code}</span>
                  </>
                )}
                {run.failure.failedAt && (
                  <>
                    {" "}
                    on <DateTime value={run.failure.failedAt} />
                  </>
                )}
                .
              </p>
              {run.failure.message && <p>{run.failure.message}</p>}
            </div>
            {canRepair && <RetryButton target={{ kind: "environment", environmentId: environment.id }} label={`Retry the environment's ${run.direction === "provision" ? "provisioning" : "removal"}`} />}
          </div>
        )}

        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Client VPN endpoint">{mono(environment.endpoint?.clientVpnEndpointId)}</Fact>
          <Fact label="DNS name">{mono(environment.endpoint?.dnsName)}</Fact>
          <Fact label="Client CIDR">{mono(environment.clientCidr)}</Fact>
          <Fact label="VPC">{mono(environment.vpcId)}</Fact>
        </dl>

        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3" aria-label="Capacity">
          <CapacityMeter label="Tenants placed" used={capacity.tenants.used} limit={capacity.tenants.limit} />
          <CapacityMeter label="Active devices" used={capacity.devices.used} limit={capacity.devices.limit} />
          <CapacityMeter label="Endpoint operations" used={capacity.operationSlots.used} limit={capacity.operationSlots.limit} />
        </dl>

        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3" aria-label="Revocation list">
          <Fact label="Revocations pending since">
            <DateTime value={revocations?.pendingSince ?? null} fallback="none pending" />
          </Fact>
          <Fact label="Next import">
            <DateTime value={revocations?.nextImportAt ?? null} fallback="none due" />
          </Fact>
          <Fact label="Last import">
            <DateTime value={revocations?.lastImportedAt ?? null} fallback="never" />
            {revocations?.lastError && (
              <div className="mt-1">
                <Badge tone="warning">{revocations.lastError}</Badge>
              </div>
            )}
          </Fact>
        </dl>

        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <DataTable
            caption="Products"
            rows={products}
            rowKey={(row) => row.key}
            empty="No products yet."
            columns={[
              { header: "Product", cell: (row) => row.productName },
              {
                header: "State",
                cell: (row) =>
                  row.addition ? (
                    <div className="space-y-1">
                      <Badge tone={ADDITION_TONES[row.addition.status]}>Added later: {row.addition.status}</Badge>
                      {row.addition.reason && <p className="text-xs text-slate-600">{row.addition.reason}</p>}
                    </div>
                  ) : (
                    <Badge>Built with</Badge>
                  ),
              },
              {
                header: "Repair",
                cell: (row) =>
                  canRepair && row.addition?.status === "failed" ? (
                    <RetryButton target={{ kind: "addition", additionId: row.addition.id }} label={`Retry adding ${row.productName}`} />
                  ) : null,
              },
            ]}
          />
          <DataTable
            caption="Tenants placed"
            rows={environment.tenants}
            rowKey={(tenant) => tenant.id}
            empty="No tenant is placed here."
            columns={[
              {
                header: "Tenant",
                cell: (tenant) => (
                  <Link href={`/support/tenants/${tenant.id}`} className="text-brand-700 hover:underline">
                    {tenant.name}
                  </Link>
                ),
              },
              { header: "Active devices", cell: (tenant) => <span className="tabular-nums">{tenant.devices.toLocaleString("en-GB")}</span> },
            ]}
          />
        </div>
      </div>
    </Card>
  );
}
