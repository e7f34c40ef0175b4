import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import Link from "next/link";
import { DecideEndpointButtons } from "@/components/support-endpoints/decide-endpoint-buttons";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { listHeldEndpoints } from "@/lib/dal/endpoint-connections";
import { getUnknownEndpointPolicy } from "@/lib/dal/provider-settings";

export const metadata: Metadata = { title: "Endpoint requests" };

const PAGE_SIZE = 50;

export default async function SupportEndpointsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await signedInCaller("/support/endpoints");
  if (!can(caller.role, "endpoint.decide")) forbidden();
  const raw = (await searchParams).page;
  const page = Math.min(Math.max(1, Number.parseInt((Array.isArray(raw) ? raw[0] : raw) ?? "1", 10) || 1), 10_000);
  const db = getDb();
  const [{ rows, total }, policy] = await Promise.all([listHeldEndpoints(db, caller, { page, pageSize: PAGE_SIZE }), getUnknownEndpointPolicy(db)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hrefFor = (p: number) => (p > 1 ? `/support/endpoints?page=${p}` : "/support/endpoints");

  return (
    <>
      <PageHeader
        title="Endpoint requests"
        description={
          <>
            Interface endpoints from AWS accounts that belong to no tenant. New ones are{" "}
            {policy === "hold" ? "held here for you to decide" : "rejected automatically; only endpoints that were already active appear here"}
            {can(caller.role, "settings.manage") ? (
              <>
                {" "}(
                <Link href="/support/settings" className="text-brand-700 hover:underline">
                  change
                </Link>
                ).
              </>
            ) : (
              ". A provider admin can change this in Settings."
            )}
          </>
        }
      />
      <DataTable
        caption="Endpoint connections waiting for a decision"
        rows={rows}
        rowKey={(r) => r.id}
        empty="Nothing is waiting for a decision."
        columns={[
          { header: "Endpoint", cell: (r) => <span className="font-mono text-xs">{r.vpcEndpointId}</span> },
          { header: "Owner account", cell: (r) => <span className="font-mono text-xs">{r.ownerAccountId}</span> },
          { header: "Product", cell: (r) => `${r.productName} (${r.region})` },
          { header: "AWS state", cell: (r) => r.awsState },
          { header: "First seen", cell: (r) => <DateTime value={r.firstSeenAt} /> },
          { header: "Decision", cell: (r) => <DecideEndpointButtons endpointConnectionId={r.id} vpcEndpointId={r.vpcEndpointId} /> },
        ]}
      />
      <Pager label="Endpoint request pages" previousHref={page > 1 ? hrefFor(page - 1) : null} nextHref={page < pages ? hrefFor(page + 1) : null} />
    </>
  );
}
