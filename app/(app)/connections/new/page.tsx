import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ConnectionWizard, type ProductChoice } from "@/components/connections/connection-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { awsErrorCode } from "@/lib/aws/errors";
import { deliveredLocations, deliveredTypes } from "@/lib/connectivity/catalog";
import { vpnDeviceTypes, type VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";
import { listProducts } from "@/lib/dal/products";

export const metadata: Metadata = { title: "New connection" };

/**
 * AWS's VPN device list for the Site-to-Site form (the same in every region, so any product
 * region's will do). Null when AWS cannot answer: the form says so, and PrivateLink still works.
 */
async function deviceTypesFor(products: ProductChoice[]): Promise<VpnDeviceType[] | null> {
  const region = products[0]?.regions[0]?.region;
  if (!region) return [];
  try {
    return await vpnDeviceTypes(region);
  } catch (error) {
    console.error(`[onramp] GetVpnConnectionDeviceTypes failed (${awsErrorCode(error)})`);
    return null;
  }
}

export default async function NewConnectionPage() {
  const caller = await signedInCaller("/connections/new");
  if (!can(caller.role, "connection.create") || !caller.tenantId) forbidden();
  const products: ProductChoice[] = (await listProducts(getDb()))
    .map((p) => ({ id: p.id, name: p.name, regions: p.regions.filter((r) => r.acceptanceRequired).map((r) => ({ id: r.id, region: r.region })) }))
    .filter((p) => p.regions.length > 0);

  return (
    <>
      <PageHeader title="New connection" description="Tell us where your workloads run and we will set up a private path to our service." />
      <ConnectionWizard locations={deliveredLocations()} types={deliveredTypes()} products={products} deviceTypes={await deviceTypesFor(products)} />
    </>
  );
}
