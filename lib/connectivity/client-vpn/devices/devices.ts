import { desc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnDevices, users, type ClientVpnDeviceStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant, tenantFor } from "@/lib/auth/tenant-scope";
import { isUniqueViolation } from "@/lib/dal/unique-violation";
import { AppError } from "@/lib/errors";
import { CLIENT_CA_VALIDITY_DAYS } from "@/lib/pki/ca";
import { DAY_MS } from "@/lib/pki/issue-certificate";
import { revokeDeviceCertificates } from "./certificate-revocation";
import type { EndpointRef } from "./endpoint";

/**
 * A tenant's Client VPN devices as their admins see them. Every read and write is scoped to the
 * caller's tenant: another tenant's device is "not found", like one that does not exist.
 */

/** Devices connect for at most the client CA's life; a certificate never outlives its CA anyway. */
const MAX_EXPIRY_MS = CLIENT_CA_VALIDITY_DAYS * DAY_MS;
/** An expiry sooner than this would leave no time to download and install the configuration. */
const MIN_EXPIRY_MS = 60 * 60_000;

export const deviceInput = z.object({
  name: z.string().trim().min(1, "Give the device or person a name.").max(64, "Use at most 64 characters."),
  /** Optional: an ISO date-time with its offset (the browser knows the admin's time zone); empty means none. */
  expiresAt: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.coerce.date({ error: "Enter a valid date and time." }).nullable(),
  ),
});
export type DeviceInput = z.output<typeof deviceInput>;

export interface DeviceView {
  id: string;
  tenantId: string;
  name: string;
  /** "expired" as soon as the expiry passes, before the sweep records it. */
  status: ClientVpnDeviceStatus;
  expiresAt: Date | null;
  region: string;
  clientVpnEndpointId: string;
  /** Of the latest certificate; null before the first configuration is issued. */
  certificate: { serialNumber: string; commonName: string; notAfter: Date; issuedAt: Date; revokedAt: Date | null } | null;
  /** A configuration waiting for its single download. */
  pendingDownload: { expiresAt: Date } | null;
  createdBy: string | null;
  createdAt: Date;
  revokedBy: string | null;
  revokedAt: Date | null;
  lastDownloadAt: Date | null;
}

const creator = alias(users, "creator");
const revoker = alias(users, "revoker");

function effectiveStatus(status: ClientVpnDeviceStatus, expiresAt: Date | null, now: Date): ClientVpnDeviceStatus {
  return status === "active" && expiresAt !== null && expiresAt <= now ? "expired" : status;
}

const notFound = () => new AppError("not_found", "This device does not exist.");

async function readDevices(db: DbOrTx, where: SQL, now: Date): Promise<DeviceView[]> {
  const rows = await db
    .select({ device: clientVpnDevices, createdBy: creator.email, revokedBy: revoker.email })
    .from(clientVpnDevices)
    .leftJoin(creator, eq(creator.id, clientVpnDevices.createdBy))
    .leftJoin(revoker, eq(revoker.id, clientVpnDevices.revokedBy))
    .where(where)
    .orderBy(desc(clientVpnDevices.createdAt));
  if (rows.length === 0) return [];
  const certificates = await db
    .select()
    .from(clientVpnDeviceCertificates)
    .where(inArray(clientVpnDeviceCertificates.deviceId, rows.map((row) => row.device.id)))
    .orderBy(desc(clientVpnDeviceCertificates.issuedAt));
  const latest = new Map<string, (typeof certificates)[number]>();
  for (const certificate of certificates) if (!latest.has(certificate.deviceId)) latest.set(certificate.deviceId, certificate);
  return rows.map(({ device, createdBy, revokedBy }) => {
    const certificate = latest.get(device.id);
    const downloadable = certificate?.encryptedPrivateKey && certificate.downloadExpiresAt > now && !certificate.revokedAt;
    return {
      id: device.id,
      tenantId: device.tenantId,
      name: device.name,
      status: effectiveStatus(device.status, device.expiresAt, now),
      expiresAt: device.expiresAt,
      region: device.region,
      clientVpnEndpointId: device.clientVpnEndpointId,
      certificate: certificate
        ? {
            serialNumber: certificate.serialNumber,
            commonName: certificate.commonName,
            notAfter: certificate.notAfter,
            issuedAt: certificate.issuedAt,
            revokedAt: certificate.revokedAt,
          }
        : null,
      pendingDownload: downloadable && certificate ? { expiresAt: certificate.downloadExpiresAt } : null,
      createdBy,
      createdAt: device.createdAt,
      revokedBy,
      revokedAt: device.revokedAt,
      lastDownloadAt: device.lastDownloadAt,
    };
  });
}

/** The tenant's devices, newest first. Provider staff name the tenant. */
export async function listDevices(db: DbOrTx, caller: Caller, options: { tenantId?: string; now?: Date } = {}): Promise<DeviceView[]> {
  const tenantId = tenantFor(caller, options.tenantId);
  return readDevices(db, eq(clientVpnDevices.tenantId, tenantId), options.now ?? new Date());
}

export async function findDevice(db: DbOrTx, caller: Caller, deviceId: string, options: { now?: Date } = {}): Promise<DeviceView> {
  if (!z.uuid().safeParse(deviceId).success) throw notFound();
  const [device] = await readDevices(db, eq(clientVpnDevices.id, deviceId), options.now ?? new Date());
  if (!device || !canSeeTenant(caller, device.tenantId)) throw notFound();
  return device;
}

/**
 * The device row when the caller may see its tenant; `forUpdate` locks it for the caller's
 * transaction, so concurrent changes to one device run one after the other.
 */
export async function deviceRow(db: DbOrTx, caller: Caller, deviceId: string, options: { forUpdate?: boolean } = {}) {
  if (!z.uuid().safeParse(deviceId).success) throw notFound();
  const query = db.select().from(clientVpnDevices).where(eq(clientVpnDevices.id, deviceId));
  const [device] = options.forUpdate ? await query.for("update") : await query;
  if (!device || !canSeeTenant(caller, device.tenantId)) throw notFound();
  return device;
}

/**
 * Adds a device on the endpoint the tenant is placed on; its configuration is issued separately.
 * `input` is deviceInput's output (the guarded action parses it); the expiry is checked here, against now.
 */
export async function addDevice(
  db: Db,
  caller: Caller,
  endpoint: EndpointRef,
  input: DeviceInput,
  options: { tenantId?: string; now?: Date } = {},
): Promise<DeviceView> {
  const tenantId = tenantFor(caller, options.tenantId);
  const now = options.now ?? new Date();
  const { name, expiresAt } = input;
  if (expiresAt && expiresAt.getTime() < now.getTime() + MIN_EXPIRY_MS) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", { expiresAt: ["Choose an expiry at least an hour from now."] });
  }
  if (expiresAt && expiresAt.getTime() > now.getTime() + MAX_EXPIRY_MS) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", { expiresAt: ["Choose an expiry within five years."] });
  }
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(clientVpnDevices)
        .values({ tenantId, region: endpoint.region, clientVpnEndpointId: endpoint.clientVpnEndpointId, name, expiresAt, createdBy: caller.userId, createdAt: now })
        .returning({ id: clientVpnDevices.id });
      if (!row) throw new Error("Adding a device returned no row.");
      await recordAudit(tx, caller, {
        action: "client_vpn_device.create",
        tenantId,
        targetType: "client_vpn_device",
        targetId: row.id,
        detail: { name, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return row.id;
    });
    return await findDevice(db, caller, id, { now });
  } catch (error) {
    if (isUniqueViolation(error, "client_vpn_devices_live_name")) {
      throw new AppError("conflict", "A device with this name already exists.", { name: ["A device with this name already exists."] });
    }
    throw error;
  }
}

export interface RevokedDevice {
  device: DeviceView;
  /** When the endpoint enforces it and ends the device's sessions; null if it never downloaded a configuration. */
  importAt: Date | null;
}

/**
 * Revokes a device: its certificates join the endpoint's next revocation list import, which ends
 * its sessions. Repeating it on a revoked or expired device changes nothing.
 */
export async function revokeDevice(db: Db, caller: Caller, deviceId: string, options: { now?: Date } = {}): Promise<RevokedDevice> {
  const now = options.now ?? new Date();
  const importAt = await db.transaction(async (tx) => {
    const device = await deviceRow(tx, caller, deviceId, { forUpdate: true });
    if (device.status !== "active") return null;
    await tx
      .update(clientVpnDevices)
      .set({ status: "revoked", revokedBy: caller.userId, revokedAt: now })
      .where(eq(clientVpnDevices.id, device.id));
    const revocation = await revokeDeviceCertificates(tx, device.id, "cessationOfOperation", now);
    await recordAudit(tx, caller, {
      action: "client_vpn_device.revoke",
      tenantId: device.tenantId,
      targetType: "client_vpn_device",
      targetId: device.id,
      detail: { name: device.name, revokedCertificates: revocation.revokedSerials.length, importAt: revocation.importAt?.toISOString() ?? null },
    });
    return revocation.importAt;
  });
  return { device: await findDevice(db, caller, deviceId, { now }), importAt };
}
