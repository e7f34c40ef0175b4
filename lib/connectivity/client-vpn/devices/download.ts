import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { decryptSecret } from "@/lib/crypto/secret-encryption";
import { AppError } from "@/lib/errors";
import { hashDownloadToken } from "./download-token";
import { deviceKeyContext } from "./issue-configuration";
import { configurationFileName, configurationWithKey } from "./ovpn-config";

export interface DownloadedConfiguration {
  deviceId: string;
  serialNumber: string;
  fileName: string;
  /** The complete .ovpn with the private key: a secret, sent once and not kept. */
  contents: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** What a link that never existed (or is another tenant's) answers; every other refusal names why the link is spent. */
export const UNKNOWN_DOWNLOAD_LINK = "This download link is not valid.";

/**
 * Redeems a download link, once. It takes the token and a signed-in member of the device's tenant:
 * a leaked link alone opens nothing, and provider staff never receive a tenant's device keys. The
 * key is decrypted for this response and deleted in the same transaction as the audit entry, so a
 * second request finds nothing to hand out.
 */
export async function downloadDeviceConfiguration(db: Db, caller: Caller, token: string, options: { now?: Date } = {}): Promise<DownloadedConfiguration> {
  const now = options.now ?? new Date();
  const invalid = new AppError("not_found", UNKNOWN_DOWNLOAD_LINK);
  if (!TOKEN.test(token)) throw invalid;
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ certificate: clientVpnDeviceCertificates, device: clientVpnDevices })
      .from(clientVpnDeviceCertificates)
      .innerJoin(clientVpnDevices, eq(clientVpnDevices.id, clientVpnDeviceCertificates.deviceId))
      .where(eq(clientVpnDeviceCertificates.downloadTokenHash, hashDownloadToken(token)))
      .for("update");
    if (!found || caller.tenantId !== found.certificate.tenantId) throw invalid;
    const { certificate, device } = found;
    if (certificate.downloadedAt) {
      throw new AppError("not_found", "This download link has already been used. Issue a new configuration to download again.");
    }
    const deviceLive = device.status === "active" && !(device.expiresAt && device.expiresAt <= now);
    if (!certificate.encryptedPrivateKey || !certificate.configurationWithoutKey || certificate.revokedAt || !deviceLive) {
      throw new AppError("not_found", "This download link is no longer valid. Issue a new configuration.");
    }
    if (certificate.downloadExpiresAt <= now) {
      throw new AppError("not_found", "This download link has expired. Issue a new configuration.");
    }
    const privateKeyPem = decryptSecret(certificate.encryptedPrivateKey, deviceKeyContext(device.id, certificate.serialNumber));
    await tx
      .update(clientVpnDeviceCertificates)
      .set({ encryptedPrivateKey: null, configurationWithoutKey: null, downloadedAt: now, downloadedBy: caller.userId })
      .where(eq(clientVpnDeviceCertificates.id, certificate.id));
    await tx.update(clientVpnDevices).set({ lastDownloadAt: now }).where(eq(clientVpnDevices.id, device.id));
    await recordAudit(tx, caller, {
      action: "client_vpn_device.download_configuration",
      tenantId: device.tenantId,
      targetType: "client_vpn_device",
      targetId: device.id,
      detail: { serialNumber: certificate.serialNumber },
    });
    return {
      deviceId: device.id,
      serialNumber: certificate.serialNumber,
      fileName: configurationFileName(device.name),
      contents: configurationWithKey(certificate.configurationWithoutKey, privateKeyPem),
    };
  });
}
