import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ConnectionWizard } from "@/components/connections/connection-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { deliveredLocations, deliveredTypes } from "@/lib/connectivity/catalog";
import { listProducts } from "@/lib/dal/products";

export const metadata: Metadata = { title: "New connection" };

export default async function NewConnectionPage() {
  const caller = await signedInCaller("/connections/new");
  if (!can(caller.role, "connection.create") || !caller.tenantId) forbidden();
  const products = (await listProducts(getDb()))
    .map((p) => ({ id: p.id, name: p.name, regions: p.regions.filter((r) => r.acceptanceRequired).map((r) => ({ id: r.id, region: r.region })) }))
    .filter((p) => p.regions.length > 0);

  return (
    <>
      <PageHeader title="New connection" description="Tell us where your workloads run and we will set up a private path to our service." />
      <ConnectionWizard locations={deliveredLocations()} types={deliveredTypes()} products={products} />
    </>
  );
}
