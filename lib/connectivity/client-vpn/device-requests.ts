import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { clientVpnDeviceCertificates } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { awsErrorCode, isAwsError, safeAwsMessage } from "@/lib/aws/errors";
import { simulateClientVpnDevice as simulateOnSandbox } from "@/lib/aws/sandbox-link";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { findClientVpnConnection, type ClientVpnConnection } from "./connection-record";
import { disconnectDeviceConnection, listDeviceConnections } from "./devices/connections";
import { addDevice, deviceRow, revokeDevice } from "./devices/devices";
import type { DeviceEndpoint } from "./devices/endpoint";
import { issueDeviceConfiguration } from "./devices/issue-configuration";
import { environmentHasRoomForDevice } from "./placement";
import { connectionDeviceEndpoint, placedEnvironment } from "./region-environment";

/**
 * Device actions as a Client VPN connection's page takes them: each names the connection, which
 * must be the caller's tenant's and ready, and acts on the region's shared endpoint. The device
 * modules check the tenant again and audit each change.
 */

/** Where a configuration is fetched, once: the token is the only secret in it. */
export function downloadPath(token: string): string {
  return `/api/client-vpn/downloads/${token}`;
}

export const addDeviceInput = z.object({
  connectionId: z.uuid({ error: "Not found." }),
  name: z.string().trim().min(1, "Give the device or person a name.").max(64, "Use at most 64 characters."),
  expiresOn: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a valid date.")
      .optional(),
  ),
});
export type AddDeviceInput = z.output<typeof addDeviceInput>;

interface ReadyConnection {
  connection: ClientVpnConnection;
  endpoint: DeviceEndpoint;
}

async function readyConnection(db: Db, caller: Caller, connectionId: string): Promise<ReadyConnection> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  if (connection.status === "removing" || connection.status === "removed") throw new AppError("conflict", "This connection is being removed; its devices are revoked.");
  const endpoint = connection.status === "available" ? await connectionDeviceEndpoint(db, connection.id) : null;
  if (!endpoint) throw new AppError("conflict", "The Client VPN endpoint is not ready yet: add devices once the connection is available.");
  return { connection, endpoint };
}

/** The device when it is the connection's tenant's and in its region; otherwise "not found". */
async function connectionDevice(db: Db, caller: Caller, connection: ClientVpnConnection, deviceId: string) {
  const device = await deviceRow(db, caller, deviceId);
  if (device.tenantId !== connection.tenantId || device.region !== connection.region) throw new AppError("not_found", "This device does not exist.");
  return device;
}

export interface IssuedLink {
  downloadUrl: string;
  linkExpiresAt: string;
}

async function issueLink(db: Db, caller: Caller, endpoint: DeviceEndpoint, deviceId: string): Promise<IssuedLink> {
  const issued = await issueDeviceConfiguration(db, caller, endpoint, deviceId);
  return { downloadUrl: downloadPath(issued.downloadToken), linkExpiresAt: issued.downloadExpiresAt.toISOString() };
}

/**
 * Adds a device and issues its first configuration. The expiry date ends at midnight UTC after
 * it, so the device works through the whole day chosen.
 */
export async function addClientVpnDevice(db: Db, caller: Caller, input: AddDeviceInput): Promise<IssuedLink & { deviceId: string }> {
  const { connection, endpoint } = await readyConnection(db, caller, input.connectionId);
  const environment = await placedEnvironment(db, connection.id);
  if (!environment || !(await environmentHasRoomForDevice(db, environment.id, connection.region))) {
    throw new AppError("conflict", "The Client VPN endpoint your organisation is on has no room for another device: revoke one you no longer use, or contact the provider.");
  }
  const expiresAt = input.expiresOn ? new Date(Date.parse(`${input.expiresOn}T00:00:00Z`) + 24 * 60 * 60_000) : null;
  let device;
  try {
    device = await addDevice(db, caller, endpoint, { name: input.name, expiresAt }, { tenantId: connection.tenantId });
  } catch (error) {
    // The device module names its field expiresAt; this form's is expiresOn.
    if (error instanceof AppError && error.fieldErrors?.expiresAt) {
      const { expiresAt: messages, ...rest } = error.fieldErrors;
      throw new AppError(error.code, error.message, { ...rest, expiresOn: messages });
    }
    throw error;
  }
  return { deviceId: device.id, ...(await issueLink(db, caller, endpoint, device.id)) };
}

/** A new certificate and link for a device (a re-download); the previous certificate is revoked. */
export async function reissueClientVpnDevice(db: Db, caller: Caller, connectionId: string, deviceId: string): Promise<IssuedLink> {
  const { connection, endpoint } = await readyConnection(db, caller, connectionId);
  await connectionDevice(db, caller, connection, deviceId);
  return issueLink(db, caller, endpoint, deviceId);
}

export async function revokeClientVpnDevice(db: Db, caller: Caller, connectionId: string, deviceId: string): Promise<{ nextImportAt: string | null }> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  await connectionDevice(db, caller, connection, deviceId);
  const { importAt } = await revokeDevice(db, caller, deviceId);
  return { nextImportAt: importAt?.toISOString() ?? null };
}

export async function disconnectClientVpnSession(db: Db, caller: Caller, connectionId: string, sessionId: string): Promise<{ sessionId: string }> {
  const { connection, endpoint } = await readyConnection(db, caller, connectionId);
  await disconnectDeviceConnection(db, caller, endpoint, sessionId, { tenantId: connection.tenantId });
  return { sessionId };
}

function simulationError(error: unknown): AppError {
  if (!isAwsError(error)) throw error;
  const code = awsErrorCode(error);
  if (code === "ClientCertificate.Revoked") return new AppError("conflict", "The endpoint refused the device: its certificate is revoked.");
  if (code === "ClientCertificate.Expired") return new AppError("conflict", "The endpoint refused the device: its certificate has expired.");
  if (code.startsWith("ClientCertificate.")) return new AppError("conflict", `The endpoint refused the device's certificate (${code}).`);
  if (code === "IncorrectState") return new AppError("conflict", "The Client VPN endpoint is not available right now.");
  return new AppError("cloud_error", safeAwsMessage(error));
}

/**
 * Sandbox only: acts as the device's OpenVPN client with the certificate of its latest downloaded
 * configuration, connecting or ending its sessions. The endpoint decides as AWS would: a device
 * whose revocation was imported is refused. With real AWS this does not exist: "not found".
 */
export async function simulateClientVpnDevice(
  db: Db,
  caller: Caller,
  connectionId: string,
  deviceId: string,
  action: "connect" | "disconnect",
): Promise<{ ok: true }> {
  if (!isSandbox) throw new AppError("not_found", "Not found.");
  const { connection, endpoint } = await readyConnection(db, caller, connectionId);
  const device = await connectionDevice(db, caller, connection, deviceId);
  let detail: Record<string, string | number>;
  if (action === "connect") {
    const [certificate] = await db
      .select({ certificatePem: clientVpnDeviceCertificates.certificatePem, serialNumber: clientVpnDeviceCertificates.serialNumber })
      .from(clientVpnDeviceCertificates)
      .where(and(eq(clientVpnDeviceCertificates.deviceId, device.id), isNotNull(clientVpnDeviceCertificates.downloadedAt)))
      .orderBy(desc(clientVpnDeviceCertificates.issuedAt))
      .limit(1);
    if (!certificate) throw new AppError("conflict", "Download the device's configuration first: the device connects with it.");
    let sessionId: string | null;
    try {
      sessionId = simulateOnSandbox({ action: "connect", clientVpnEndpointId: endpoint.clientVpnEndpointId, certificatePem: certificate.certificatePem });
    } catch (error) {
      throw simulationError(error);
    }
    detail = { action, serialNumber: certificate.serialNumber, sessionId: sessionId ?? "" };
  } else {
    const sessions = (await listDeviceConnections(db, caller, endpoint, { tenantId: connection.tenantId })).filter(
      (session) => session.deviceId === device.id && session.status === "active",
    );
    if (sessions.length === 0) throw new AppError("conflict", "This device is not connected.");
    try {
      for (const session of sessions) simulateOnSandbox({ action: "disconnect", connectionId: session.connectionId });
    } catch (error) {
      throw simulationError(error);
    }
    detail = { action, sessions: sessions.length };
  }
  await recordAudit(db, caller, {
    action: "client_vpn_device.simulate",
    tenantId: connection.tenantId,
    targetType: "client_vpn_device",
    targetId: device.id,
    detail,
  });
  return { ok: true };
}
