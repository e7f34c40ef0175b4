import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { connectionProducts, connections, productRegions, products, type SiteToSiteStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { AppError } from "@/lib/errors";

/**
 * The reads the plan-driven connection types (Site-to-Site, Client VPN) share: their row, scoped to
 * the caller's tenant, and the products it reaches. Another tenant's connection is "not found",
 * like one that does not exist.
 */

const STATUSES: ReadonlySet<string> = new Set<SiteToSiteStatus>(["provisioning", "available", "removing", "removed"]);

/** Whether a stored status is one a plan-driven connection can have: wanted, ready or gone; progress lives in its runs. */
export function isPlanConnectionStatus(status: string): status is SiteToSiteStatus {
  return STATUSES.has(status);
}

const notFound = () => new AppError("not_found", "This connection does not exist.");

/** The connection's row when it has this type and the caller may see its tenant. */
export async function findPlanConnectionRow(db: DbOrTx, caller: Caller, connectionId: string, type: "site_to_site" | "client_vpn") {
  if (!z.uuid().safeParse(connectionId).success) throw notFound();
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.type, type)))
    .limit(1);
  if (!row || !canSeeTenant(caller, row.tenantId)) throw notFound();
  return row;
}

export interface ChosenProduct {
  productRegionId: string;
  productName: string;
  region: string;
  privateDnsName: string | null;
}

/** The products the connection reaches, in the customer's order. */
export async function chosenProductsOf(db: DbOrTx, connectionId: string): Promise<ChosenProduct[]> {
  return db
    .select({
      productRegionId: connectionProducts.productRegionId,
      productName: products.name,
      region: productRegions.region,
      privateDnsName: productRegions.privateDnsName,
    })
    .from(connectionProducts)
    .innerJoin(productRegions, eq(productRegions.id, connectionProducts.productRegionId))
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(connectionProducts.connectionId, connectionId))
    .orderBy(asc(connectionProducts.position));
}
