import { ExportClientVpnClientConfigurationCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnDevices, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { encryptSecret } from "@/lib/crypto/secret-encryption";
import { AppError } from "@/lib/errors";
import { clientCommonName, issueClientCertificate } from "@/lib/pki/client-certificate";
import { revokeDeviceCertificates } from "./certificate-revocation";
import { deviceRow } from "./devices";
import { newDownloadToken } from "./download-token";
import type { DeviceEndpoint } from "./endpoint";
import { configurationWithCertificate } from "./ovpn-config";

/**
 * Issuing a device's configuration: a new client certificate, the endpoint's .ovpn with it inlined,
 * and a single-use download link. The key is stored only encrypted until that download. Issuing
 * again is how a device re-downloads: the previous certificate is revoked.
 */

/** How long a download link works: long enough to reach the machine, short enough to be worth little if leaked. */
export const DOWNLOAD_LINK_TTL_MS = 24 * 60 * 60_000;

export interface IssuedConfiguration {
  deviceId: string;
  serialNumber: string;
  /** The link's secret: shown to the issuing admin once, never stored. */
  downloadToken: string;
  downloadExpiresAt: Date;
  /** When the endpoint stops accepting the superseded certificate; null when none had been downloaded. */
  supersededImportAt: Date | null;
}

/** The context a device key is encrypted under: a ciphertext moved to another row does not decrypt. */
export function deviceKeyContext(deviceId: string, serialNumber: string): string {
  return `client-vpn-device:${deviceId}:certificate:${serialNumber}:key`;
}

function cloudError(error: unknown): AppError {
  if (!isTransient(error)) console.error(`[onramp] exporting a Client VPN client configuration failed (${awsErrorCode(error)})`);
  return new AppError("cloud_error", safeAwsMessage(error));
}

async function exportConfiguration(ec2: EC2Client, clientVpnEndpointId: string): Promise<string> {
  let exported: string | undefined;
  try {
    exported = (await ec2.send(new ExportClientVpnClientConfigurationCommand({ ClientVpnEndpointId: clientVpnEndpointId }))).ClientConfiguration;
  } catch (error) {
    throw cloudError(error);
  }
  if (!exported) throw new AppError("cloud_error", "AWS returned an empty client configuration. Try again in a moment.");
  return exported;
}

function refuseInactive(status: string, expiresAt: Date | null, now: Date): void {
  if (status !== "active" || (expiresAt && expiresAt <= now)) {
    throw new AppError("conflict", "This device is revoked or expired; add a new device instead.");
  }
}

export async function issueDeviceConfiguration(
  db: Db,
  caller: Caller,
  endpoint: DeviceEndpoint,
  deviceId: string,
  options: { now?: Date; ec2?: EC2Client; linkTtlMs?: number } = {},
): Promise<IssuedConfiguration> {
  const now = options.now ?? new Date();
  // Checked before the slow part (a key pair and a call to AWS), and again under the lock below.
  const device = await deviceRow(db, caller, deviceId);
  refuseInactive(device.status, device.expiresAt, now);
  const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, device.tenantId));
  if (!tenant) throw new Error(`Device ${device.id} has no tenant.`);

  const certificate = await issueClientCertificate(endpoint.clientCa, {
    tenantId: device.tenantId,
    tenantSlug: tenant.slug,
    deviceId: device.id,
    expiresAt: device.expiresAt,
    now,
  });
  const exported = await exportConfiguration(options.ec2 ?? providerEc2(endpoint.region), endpoint.clientVpnEndpointId);
  const configurationWithoutKey = configurationWithCertificate(exported, certificate.certificatePem, endpoint.clientCa.certificatePem);
  const { token, tokenHash } = newDownloadToken();
  const downloadExpiresAt = new Date(now.getTime() + (options.linkTtlMs ?? DOWNLOAD_LINK_TTL_MS));

  const supersededImportAt = await db.transaction(async (tx) => {
    const locked = await deviceRow(tx, caller, deviceId, { forUpdate: true });
    refuseInactive(locked.status, locked.expiresAt, now);
    const superseded = await revokeDeviceCertificates(tx, locked.id, "superseded", now);
    await tx.insert(clientVpnDeviceCertificates).values({
      deviceId: locked.id,
      tenantId: locked.tenantId,
      region: endpoint.region,
      clientVpnEndpointId: endpoint.clientVpnEndpointId,
      serialNumber: certificate.serialNumber,
      commonName: clientCommonName(tenant.slug, locked.id),
      certificatePem: certificate.certificatePem,
      notAfter: certificate.notAfter,
      configurationWithoutKey,
      encryptedPrivateKey: encryptSecret(certificate.privateKeyPem, deviceKeyContext(locked.id, certificate.serialNumber)),
      downloadTokenHash: tokenHash,
      downloadExpiresAt,
      issuedBy: caller.userId,
      issuedAt: now,
    });
    // A tenant moved to another endpoint takes its devices along as they re-download.
    await tx
      .update(clientVpnDevices)
      .set({ region: endpoint.region, clientVpnEndpointId: endpoint.clientVpnEndpointId })
      .where(eq(clientVpnDevices.id, locked.id));
    await recordAudit(tx, caller, {
      action: "client_vpn_device.issue_configuration",
      tenantId: locked.tenantId,
      targetType: "client_vpn_device",
      targetId: locked.id,
      detail: {
        serialNumber: certificate.serialNumber,
        clientVpnEndpointId: endpoint.clientVpnEndpointId,
        downloadExpiresAt: downloadExpiresAt.toISOString(),
        supersededCertificates: superseded.revokedSerials.length,
      },
    });
    return superseded.importAt;
  });
  return { deviceId: device.id, serialNumber: certificate.serialNumber, downloadToken: token, downloadExpiresAt, supersededImportAt };
}
