import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { AppError } from "@/lib/errors";

/**
 * The provider's per-tenant choice of a dedicated Client VPN endpoint (enterprise tenants). It
 * decides where the tenant's next Client VPN connections are placed (placement.ts); connections
 * already placed stay where they are until they are removed and requested again.
 */
export async function dedicatedClientVpnOf(db: DbOrTx, caller: Caller, tenantId: string): Promise<boolean> {
  if (!canSeeTenant(caller, tenantId)) throw new AppError("not_found", "Not found.");
  const [row] = await db.select({ dedicated: tenants.dedicatedClientVpn }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new AppError("not_found", "Not found.");
  return row.dedicated;
}

export async function setDedicatedClientVpn(db: Db, caller: Caller, tenantId: string, dedicated: boolean): Promise<void> {
  if (!canSeeTenant(caller, tenantId)) throw new AppError("not_found", "Not found.");
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ dedicated: tenants.dedicatedClientVpn }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!before) throw new AppError("not_found", "Not found.");
    if (before.dedicated === dedicated) return;
    await tx.update(tenants).set({ dedicatedClientVpn: dedicated }).where(eq(tenants.id, tenantId));
    await recordAudit(tx, caller, {
      action: "tenant.client_vpn_dedicated",
      tenantId,
      targetType: "tenant",
      targetId: tenantId,
      detail: { dedicated },
    });
  });
}
