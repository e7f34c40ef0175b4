import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnDevices, connectionEvents, connections } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { moveConnection } from "../move-connection";
import { revokeDeviceCertificates } from "./devices/certificate-revocation";

/**
 * The two moments the engine changes a Client VPN connection's row: the region's environment is
 * ready for the tenant's devices, and the tenant's access is gone. Both are compare-and-set on the
 * status, so a repeat does nothing.
 */
export async function markClientVpnAvailable(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await moveConnection(tx, connectionId, "client_vpn", ["provisioning"], { status: "available", availableAt: new Date(), errorCode: null, errorMessage: null });
    if (moved) await tx.insert(connectionEvents).values({ connectionId, kind: "available", message: "The shared Client VPN endpoint is ready: add devices." });
  });
}

/**
 * Revokes every device the tenant still has in the region, each with its audit entry: their
 * certificates join the endpoint's next batched revocation list import, which ends their sessions.
 */
async function revokeTenantDevices(tx: DbOrTx, tenantId: string, region: string, now: Date): Promise<number> {
  const revoked = await tx
    .update(clientVpnDevices)
    .set({ status: "revoked", revokedAt: now })
    .where(and(eq(clientVpnDevices.tenantId, tenantId), eq(clientVpnDevices.region, region), eq(clientVpnDevices.status, "active")))
    .returning({ id: clientVpnDevices.id, name: clientVpnDevices.name });
  for (const device of revoked) {
    const revocation = await revokeDeviceCertificates(tx, device.id, "cessationOfOperation", now);
    await recordAudit(tx, null, {
      action: "client_vpn_device.revoke",
      tenantId,
      targetType: "client_vpn_device",
      targetId: device.id,
      detail: { name: device.name, reason: "connection removed", revokedCertificates: revocation.revokedSerials.length, importAt: revocation.importAt?.toISOString() ?? null },
    });
  }
  return revoked.length;
}

/** The end of a removal: the tenant's devices in the region are revoked; the shared environment stays. */
export async function markClientVpnRemoved(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ tenantId: connections.tenantId, params: connections.params }).from(connections).where(eq(connections.id, connectionId)).for("update");
    const region = row?.params?.region;
    if (!row || typeof region !== "string") return;
    const moved = await moveConnection(tx, connectionId, "client_vpn", ["removing"], { status: "removed", removedAt: new Date() });
    if (!moved) return;
    const revoked = await revokeTenantDevices(tx, row.tenantId, region, new Date());
    await tx.insert(connectionEvents).values({
      connectionId,
      kind: "removed",
      message: revoked > 0 ? `Removed; ${revoked} device${revoked === 1 ? " was" : "s were"} revoked.` : "Removed.",
    });
  });
}
