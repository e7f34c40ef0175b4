import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { connectionProducts, connections, productRegions, products, type SiteToSiteStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { AppError } from "@/lib/errors";

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
  products: Array<{ productRegionId: string; productName: string; privateDnsName: string | null }>;
  createdAt: Date;
}

const STATUSES: ReadonlySet<string> = new Set<ClientVpnConnectionStatus>(["provisioning", "available", "removing", "removed"]);
const isStatus = (status: string): status is ClientVpnConnectionStatus => STATUSES.has(status);

export const connectionNotFound = () => new AppError("not_found", "This connection does not exist.");

/** The connection when the caller may see its tenant; another tenant's is "not found". */
export async function findClientVpnConnection(db: DbOrTx, caller: Caller, connectionId: string): Promise<ClientVpnConnection> {
  if (!z.uuid().safeParse(connectionId).success) throw connectionNotFound();
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.type, "client_vpn")))
    .limit(1);
  if (!row || !canSeeTenant(caller, row.tenantId)) throw connectionNotFound();
  const params = clientVpnParams.safeParse(row.params);
  if (!params.success || !isStatus(row.status)) throw new Error(`Connection ${row.id} does not hold Client VPN data.`);
  const chosen = await db
    .select({ productRegionId: connectionProducts.productRegionId, productName: products.name, privateDnsName: productRegions.privateDnsName })
    .from(connectionProducts)
    .innerJoin(productRegions, eq(productRegions.id, connectionProducts.productRegionId))
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(connectionProducts.connectionId, row.id))
    .orderBy(asc(connectionProducts.position));
  return {
    id: row.id,
    tenantId: row.tenantId,
    label: row.label,
    status: row.status,
    region: params.data.region,
    products: chosen,
    createdAt: row.createdAt,
  };
}
