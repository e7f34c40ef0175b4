import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { connectionProducts, connections, productRegions, products, type SiteToSiteStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { siteToSitePlanInput } from "@/lib/connectivity/site-to-site/plan-input";
import { AppError } from "@/lib/errors";

/**
 * Site-to-Site connections as the tenant-scoped reads see them. A connection of another tenant is
 * "not found", like one that does not exist.
 */

/** What connections.params holds for a Site-to-Site connection: the plan input minus what the catalog resolved. */
export const siteToSiteParams = siteToSitePlanInput
  .omit({ products: true, zoneIds: true })
  .extend({ location: z.enum(["on_premises", "other_cloud"]), deviceTypeId: z.string() });
export type SiteToSiteParams = z.output<typeof siteToSiteParams>;

export interface SiteToSiteConnection {
  id: string;
  tenantId: string;
  status: SiteToSiteStatus;
  params: SiteToSiteParams;
  products: Array<{ productRegionId: string; productName: string; region: string; privateDnsName: string | null }>;
  createdAt: Date;
  availableAt: Date | null;
  removedAt: Date | null;
}

const STATUSES: ReadonlySet<string> = new Set<SiteToSiteStatus>(["provisioning", "available", "removing", "removed"]);

function isSiteToSiteStatus(status: string): status is SiteToSiteStatus {
  return STATUSES.has(status);
}

export async function findSiteToSiteConnection(db: DbOrTx, caller: Caller, connectionId: string): Promise<SiteToSiteConnection> {
  const notFound = new AppError("not_found", "This connection does not exist.");
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.type, "site_to_site")))
    .limit(1);
  if (!row || !canSeeTenant(caller, row.tenantId)) throw notFound;
  const params = siteToSiteParams.safeParse(row.params);
  if (!params.success || !isSiteToSiteStatus(row.status)) throw new Error(`Connection ${row.id} does not hold Site-to-Site data.`);
  const chosen = await db
    .select({
      productRegionId: connectionProducts.productRegionId,
      productName: products.name,
      region: productRegions.region,
      privateDnsName: productRegions.privateDnsName,
    })
    .from(connectionProducts)
    .innerJoin(productRegions, eq(productRegions.id, connectionProducts.productRegionId))
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(connectionProducts.connectionId, row.id))
    .orderBy(asc(connectionProducts.position));
  return {
    id: row.id,
    tenantId: row.tenantId,
    status: row.status,
    params: params.data,
    products: chosen,
    createdAt: row.createdAt,
    availableAt: row.availableAt,
    removedAt: row.removedAt,
  };
}
