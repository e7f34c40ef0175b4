import { and, eq, isNotNull, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { revokeDeviceCertificates } from "./certificate-revocation";

/**
 * Time-driven changes to devices, run by a worker or the reconciler on every pass: a device whose
 * expiry passed is revoked like one an admin revoked (its certificates join the revocation list),
 * and a download link that expired unused has its key destroyed.
 */

/** Devices handled per pass, so one pass stays short; the next pass takes the rest. */
const BATCH = 200;

export async function expireDevices(db: Db, options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const due = await db
    .select({ id: clientVpnDevices.id })
    .from(clientVpnDevices)
    .where(and(eq(clientVpnDevices.status, "active"), lte(clientVpnDevices.expiresAt, now)))
    .limit(BATCH);
  const expired: string[] = [];
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [device] = await tx
        .update(clientVpnDevices)
        .set({ status: "expired", revokedAt: now })
        // Re-checked here: an admin may have revoked it since it was listed.
        .where(and(eq(clientVpnDevices.id, id), eq(clientVpnDevices.status, "active"), lte(clientVpnDevices.expiresAt, now)))
        .returning();
      if (!device) return false;
      const revocation = await revokeDeviceCertificates(tx, device.id, "cessationOfOperation", now);
      await recordAudit(tx, null, {
        action: "client_vpn_device.expire",
        tenantId: device.tenantId,
        targetType: "client_vpn_device",
        targetId: device.id,
        detail: { name: device.name, revokedCertificates: revocation.revokedSerials.length, importAt: revocation.importAt?.toISOString() ?? null },
      });
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}

/** Deletes the keys of download links that expired unused, each with its audit entry; returns how many. */
export async function purgeExpiredDownloads(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(clientVpnDeviceCertificates)
      .set({ encryptedPrivateKey: null, configurationWithoutKey: null })
      .where(and(isNotNull(clientVpnDeviceCertificates.encryptedPrivateKey), lte(clientVpnDeviceCertificates.downloadExpiresAt, now)))
      .returning({
        deviceId: clientVpnDeviceCertificates.deviceId,
        tenantId: clientVpnDeviceCertificates.tenantId,
        serialNumber: clientVpnDeviceCertificates.serialNumber,
      });
    for (const certificate of purged) {
      await recordAudit(tx, null, {
        action: "client_vpn_device.download_link_expire",
        tenantId: certificate.tenantId,
        targetType: "client_vpn_device",
        targetId: certificate.deviceId,
        detail: { serialNumber: certificate.serialNumber },
      });
    }
    return purged.length;
  });
}
