import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { SiteToSiteStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { chosenProductsOf, findPlanConnectionRow, isPlanConnectionStatus, type ChosenProduct } from "@/lib/dal/plan-connection-rows";

/**
 * A tenant's Client VPN connection: its access, in one region, to that region's shared
 * environment. The stored status says only whether it is wanted, ready or gone (as for
 * Site-to-Site); progress and failure live in its plan runs.
 */
export const clientVpnParams = z.object({ region: z.string().min(1), productRegionIds: z.array(z.string()).min(1) });
export type ClientVpnParams = z.output<typeof clientVpnParams>;

export type ClientVpnConnectionStatus = SiteToSiteStatus;

export interface ClientVpnConnection {
  id: string;
  tenantId: string;
  label: string | null;
  status: ClientVpnConnectionStatus;
  region: string;
  products: ChosenProduct[];
  createdAt: Date;
}

/** The connection when the caller may see its tenant; another tenant's is "not found". */
export async function findClientVpnConnection(db: DbOrTx, caller: Caller, connectionId: string): Promise<ClientVpnConnection> {
  const row = await findPlanConnectionRow(db, caller, connectionId, "client_vpn");
  const params = clientVpnParams.safeParse(row.params);
  if (!params.success || !isPlanConnectionStatus(row.status)) throw new Error(`Connection ${row.id} does not hold Client VPN data.`);
  return {
    id: row.id,
    tenantId: row.tenantId,
    label: row.label,
    status: row.status,
    region: params.data.region,
    products: await chosenProductsOf(db, row.id),
    createdAt: row.createdAt,
  };
}
