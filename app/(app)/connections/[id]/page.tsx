import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { LiveStatus } from "@/components/connections/live-status";
import { RemoveConnectionButton } from "@/components/connections/remove-connection-button";
import { SimulatePanel } from "@/components/connections/simulate-panel";
import { SupportTools } from "@/components/connections/support-tools";
import { Card } from "@/components/ui/card";
import { CopyBlock } from "@/components/ui/copy-block";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can, isProviderRole } from "@/lib/auth/permissions";
import { privateLinkSnippets, zoneMappingCommand } from "@/lib/configs/privatelink-snippets";
import { connectionStatusView, findConnection } from "@/lib/dal/connections";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

export const metadata: Metadata = { title: "Connection" };

async function load(id: string, caller: Awaited<ReturnType<typeof signedInCaller>>) {
  try {
    const db = getDb();
    return { connection: await findConnection(db, caller, id), status: await connectionStatusView(db, caller, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await signedInCaller(`/connections/${id}`);
  if (!can(caller.role, "connection.read")) forbidden();
  if (!isUuid(id)) notFound();
  const { connection: c, status } = await load(id, caller);
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
            {isProviderRole(caller.role) && (
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
        actions={live && can(caller.role, "connection.remove") && <RemoveConnectionButton connectionId={c.id} />}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <LiveStatus initial={status} ports={c.ports} privateDnsName={c.privateDnsName} />
          {can(caller.role, "connection.repair") && (
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
                    your zone name for a zone ID:
                  </p>
                  {c.zoneIds.map((zoneId) => (
                    <CopyBlock key={zoneId} value={zoneMappingCommand(c.region, zoneId)} label={`Zone name for ${zoneId}`} />
                  ))}
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
          {isSandbox && live && can(caller.role, "connection.simulate") && (
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
