import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RefreshProductButton } from "@/components/products/refresh-product-button";
import { RegisterProductForm } from "@/components/products/register-product-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { listProducts } from "@/lib/dal/products";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage() {
  const caller = await signedInCaller("/support/products");
  if (!can(caller.role, "product.read") || !can(caller.role, "tenant.read_all")) forbidden();
  const products = await listProducts(getDb());
  const canManage = can(caller.role, "product.manage");

  return (
    <>
      <PageHeader title="Products" description="What customers can reach privately: each product's endpoint service per region, as read from AWS." />
      <div className="space-y-8">
        {canManage && (
          <Card title="Register a product region" description="Give the endpoint service ID; Onramp reads its name, zones, private DNS name and ports from AWS.">
            <RegisterProductForm products={products.map((p) => ({ slug: p.slug, name: p.name }))} />
          </Card>
        )}
        {products.length === 0 && <p className="text-sm text-slate-600">No products yet.</p>}
        {products.map((p) => (
          <section key={p.id} aria-labelledby={`product-${p.id}`} className="space-y-3">
            <h2 id={`product-${p.id}`} className="text-sm font-semibold text-slate-900">
              {p.name} <span className="font-normal text-slate-500">({p.slug})</span>
            </h2>
            <DataTable
              caption={`${p.name} regions`}
              rows={p.regions}
              rowKey={(r) => r.id}
              empty="No regions registered."
              columns={[
                { header: "Region", cell: (r) => <span className="whitespace-nowrap">{r.region}</span> },
                {
                  header: "Service",
                  cell: (r) => (
                    <div className="space-y-0.5">
                      <div className="font-mono text-xs">{r.serviceId}</div>
                      <div className="break-all font-mono text-xs text-slate-500">{r.serviceName}</div>
                      {!r.acceptanceRequired && <Badge tone="danger">Acceptance not required — not offered</Badge>}
                    </div>
                  ),
                },
                { header: "Zone IDs", cell: (r) => <span className="font-mono text-xs">{r.zoneIds.join(", ")}</span> },
                { header: "Private DNS", cell: (r) => <span className="font-mono text-xs">{r.privateDnsName ?? "—"}</span> },
                { header: "Ports", cell: (r) => r.ports.join(", ") },
                {
                  header: "Reconciler",
                  cell: (r) =>
                    r.lastReconcileError ? <Badge tone="warning">{r.lastReconcileError}</Badge> : <DateTime value={r.lastReconciledAt} fallback="not yet" />,
                },
                ...(canManage
                  ? [{ header: "Refresh", cell: (r: (typeof p.regions)[number]) => <RefreshProductButton productRegionId={r.id} label={`${p.name} ${r.region}`} /> }]
                  : []),
              ]}
            />
          </section>
        ))}
      </div>
    </>
  );
}
