import Link from "next/link";
import { removeConnection } from "@/app/(app)/connections/[id]/actions";
import { LiveStatus } from "@/components/connections/live-status";
import { RemoveConnectionButton } from "@/components/connections/remove-connection-button";
import { SimulatePanel } from "@/components/connections/simulate-panel";
import { SupportTools } from "@/components/connections/support-tools";
import { Card } from "@/components/ui/card";
import { CopyBlock } from "@/components/ui/copy-block";
import { PageHeader } from "@/components/ui/page-header";
import { can, isProviderRole, type Role } from "@/lib/auth/permissions";
import { privateLinkSnippets, zoneMappingCommand } from "@/lib/configs/privatelink-snippets";
import type { ConnectionStatusView } from "@/lib/connectivity/privatelink/status-view";
import type { ConnectionDetail } from "@/lib/dal/connections";
import { isSandbox } from "@/lib/env";

/** A PrivateLink connection's page body: live status and what the customer creates in their AWS account. */
export function PrivateLinkConnection({ connection: c, status, role }: { connection: ConnectionDetail; status: ConnectionStatusView; role: Role }) {
  const live = c.status !== "removing" && c.status !== "removed";
  const snippets = privateLinkSnippets({
    region: c.region,
    serviceName: c.serviceName,
    zoneIds: c.zoneIds,
    ports: c.ports,
    privateDnsName: c.privateDnsName,
    awsAccountId: c.awsAccountId,
    name: c.productName,
  });
  const snippetBlocks = [
    { title: "AWS CLI", label: "AWS CLI commands", value: snippets.cli },
    { title: "CloudFormation", label: "CloudFormation template", value: snippets.cloudFormation },
    { title: "Terraform", label: "Terraform configuration", value: snippets.terraform },
  ];

  return (
    <>
      <PageHeader
        title={c.label || `${c.productName} in ${c.region}`}
        description={
          <>
            PrivateLink interface endpoint from AWS account <span className="font-mono">{c.awsAccountId}</span>
            {isProviderRole(role) && (
              <>
                {" "}
                · tenant{" "}
                <Link href={`/support/tenants/${c.tenantId}`} className="text-brand-700 hover:underline">
                  {c.tenantName}
                </Link>
              </>
            )}
          </>
        }
        actions={live && can(role, "connection.remove") && (
            <RemoveConnectionButton
              connectionId={c.id}
              action={removeConnection}
              warning="Your endpoint will stop working. Remove?"
              successMessage="Removed."
            />
          )}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <LiveStatus initial={status} ports={c.ports} privateDnsName={c.privateDnsName} />
          {can(role, "connection.repair") && (
            <Card title="Support tools" description="Retry a failed connection or re-check AWS now.">
              <SupportTools connectionId={c.id} failed={c.status === "failed"} />
            </Card>
          )}
        </div>
        <div className="space-y-6">
          {live && (
            <Card title="Connect from your AWS account" description={`Create an interface endpoint in ${c.region} to this service.`}>
              <div className="space-y-5 text-sm">
                <div className="space-y-1.5">
                  <h3 className="font-medium">Service name</h3>
                  <CopyBlock value={c.serviceName} label="Service name" />
                </div>
                <div className="space-y-1.5">
                  <h3 className="font-medium">Availability Zones</h3>
                  <p className="text-slate-600">
                    The service runs in zone IDs <span className="font-mono">{c.zoneIds.join(", ")}</span>. Zone names such as {c.region}a
                    point to different zones in each AWS account, so put your endpoint&apos;s subnets in the zones whose IDs are listed. To find
                    your zone names for these IDs:
                  </p>
                  <CopyBlock value={zoneMappingCommand(c.region, c.zoneIds)} label="Your zone names for these zone IDs" multiline />
                </div>
                {c.privateDnsName && (
                  <div className="space-y-1.5">
                    <h3 className="font-medium">Private DNS name</h3>
                    <CopyBlock value={c.privateDnsName} label="Private DNS name" />
                    <p className="text-slate-600">
                      Enable private DNS on the endpoint to use this name. Your VPC needs <span className="font-mono">enableDnsSupport</span> and{" "}
                      <span className="font-mono">enableDnsHostnames</span> turned on.
                    </p>
                  </div>
                )}
                <div className="space-y-1.5">
                  <h3 className="font-medium">Ports</h3>
                  <p className="text-slate-600">
                    TCP {c.ports.join(", ")}. Allow these from your clients in the endpoint&apos;s security group.
                  </p>
                </div>
                {snippetBlocks.map((block, i) => (
                  <details key={block.title} open={i === 0}>
                    <summary className="cursor-pointer font-medium">{block.title}</summary>
                    <div className="mt-2">
                      <CopyBlock value={block.value} label={block.label} multiline />
                    </div>
                  </details>
                ))}
              </div>
            </Card>
          )}
          {isSandbox && live && can(role, "connection.simulate") && (
            <SimulatePanel
              connectionId={c.id}
              canCreate={c.status === "awaiting_endpoint"}
              canDelete={c.status === "accepting" || c.status === "available"}
            />
          )}
        </div>
      </div>
    </>
  );
}
