import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnDeviceCertificates, type ClientVpnRevocationReason } from "@/db/schema";
import type { EndpointRef } from "./endpoint";
import { queueRevocationImport } from "./revocation-queue";

export interface DeviceRevocation {
  revokedSerials: string[];
  /** When the endpoint will enforce it; null when no revoked certificate had ever been delivered. */
  importAt: Date | null;
}

/**
 * Revokes a device's certificates that are still good and destroys any key awaiting download, in
 * the caller's transaction. Every revoked certificate goes into the endpoint's next list, but only
 * one that was downloaded queues an import: a certificate whose key never left the database is
 * unusable once that key is deleted, and an import drops every tenant's connections.
 */
export async function revokeDeviceCertificates(
  tx: DbOrTx,
  deviceId: string,
  reason: ClientVpnRevocationReason,
  now: Date,
): Promise<DeviceRevocation> {
  const revoked = await tx
    .update(clientVpnDeviceCertificates)
    .set({ revokedAt: now, revocationReason: reason, encryptedPrivateKey: null, configurationWithoutKey: null })
    .where(and(eq(clientVpnDeviceCertificates.deviceId, deviceId), isNull(clientVpnDeviceCertificates.revokedAt)))
    .returning({
      serialNumber: clientVpnDeviceCertificates.serialNumber,
      region: clientVpnDeviceCertificates.region,
      clientVpnEndpointId: clientVpnDeviceCertificates.clientVpnEndpointId,
      downloadedAt: clientVpnDeviceCertificates.downloadedAt,
    });
  const delivered = new Map<string, EndpointRef>();
  for (const certificate of revoked) {
    if (certificate.downloadedAt) delivered.set(`${certificate.region}/${certificate.clientVpnEndpointId}`, certificate);
  }
  let importAt: Date | null = null;
  for (const endpoint of delivered.values()) {
    const at = await queueRevocationImport(tx, endpoint, now);
    if (!importAt || at > importAt) importAt = at;
  }
  return { revokedSerials: revoked.map((certificate) => certificate.serialNumber), importAt };
}
