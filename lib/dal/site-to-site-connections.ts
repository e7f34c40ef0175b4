import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { SiteToSiteStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { siteToSitePlanInput } from "@/lib/connectivity/site-to-site/plan-input";
import { chosenProductsOf, findPlanConnectionRow, isPlanConnectionStatus, type ChosenProduct } from "./plan-connection-rows";

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
  products: ChosenProduct[];
  createdAt: Date;
  availableAt: Date | null;
  removedAt: Date | null;
}

export async function findSiteToSiteConnection(db: DbOrTx, caller: Caller, connectionId: string): Promise<SiteToSiteConnection> {
  const row = await findPlanConnectionRow(db, caller, connectionId, "site_to_site");
  const params = siteToSiteParams.safeParse(row.params);
  if (!params.success || !isPlanConnectionStatus(row.status)) throw new Error(`Connection ${row.id} does not hold Site-to-Site data.`);
  return {
    id: row.id,
    tenantId: row.tenantId,
    status: row.status,
    params: params.data,
    products: await chosenProductsOf(db, row.id),
    createdAt: row.createdAt,
    availableAt: row.availableAt,
    removedAt: row.removedAt,
  };
}
