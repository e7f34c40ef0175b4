import {
  DescribeClientVpnConnectionsCommand,
  TerminateClientVpnConnectionsCommand,
  type ClientVpnConnection,
  type DescribeClientVpnConnectionsCommandInput,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { clientVpnDeviceCertificates, clientVpnDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { AppError } from "@/lib/errors";
import { parseClientCommonName } from "@/lib/pki/client-certificate";
import { withEndpointOperation } from "../endpoint-operations";
import type { EndpointRef } from "./endpoint";

/**
 * Live sessions of a tenant's devices on a shared endpoint (DescribeClientVpnConnections), and
 * ending one (TerminateClientVpnConnections). The endpoint lists every tenant's connections; one
 * is the tenant's only when its CommonName is that of a certificate Onramp issued to one of the
 * tenant's devices, looked up in the database: the tenant slug inside the name proves nothing.
 */

export type ConnectionStatus = "active" | "terminating" | "failed-to-terminate";

export interface DeviceConnection {
  connectionId: string;
  deviceId: string;
  deviceName: string;
  status: ConnectionStatus;
  connectedSince: Date | null;
  /** The address the device has inside the VPN (from the endpoint's client CIDR). */
  clientIp: string | null;
  clientIpv6Address: string | null;
  /** Bytes the endpoint received from the device, and sent to it. */
  ingressBytes: number;
  egressBytes: number;
}

const LIVE: ReadonlySet<string> = new Set<ConnectionStatus>(["active", "terminating", "failed-to-terminate"]);

function isLive(code: string | undefined): code is ConnectionStatus {
  return code !== undefined && LIVE.has(code);
}
const notFound = () => new AppError("not_found", "This connection does not exist.");

export function cloudError(error: unknown): AppError {
  if (!isTransient(error)) console.error(`[onramp] a Client VPN connections call failed (${awsErrorCode(error)})`);
  return new AppError("cloud_error", safeAwsMessage(error));
}

/** "2026-11-21 09:04:05", UTC, as Client VPN reports times. */
function parseAwsTime(value: string | undefined): Date | null {
  if (!value || value === "-") return null;
  const parsed = new Date(`${value.replace(" ", "T")}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function count(value: string | undefined): number {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}

async function describeConnections(ec2: EC2Client, input: DescribeClientVpnConnectionsCommandInput): Promise<ClientVpnConnection[]> {
  const all: ClientVpnConnection[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await ec2.send(new DescribeClientVpnConnectionsCommand({ ...input, MaxResults: 1000, NextToken: nextToken }));
      all.push(...(page.Connections ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    throw cloudError(error);
  }
  return all;
}

/** Common names the tenant's devices hold certificates for on this endpoint, with their device. */
export async function tenantDevicesByCommonName(db: DbOrTx, tenantId: string, endpoint: EndpointRef, commonNames: string[]) {
  const candidates = [...new Set(commonNames.filter((name) => parseClientCommonName(name) !== null))];
  if (candidates.length === 0) return new Map<string, { deviceId: string; deviceName: string }>();
  const rows = await db
    .selectDistinct({ commonName: clientVpnDeviceCertificates.commonName, deviceId: clientVpnDevices.id, deviceName: clientVpnDevices.name })
    .from(clientVpnDeviceCertificates)
    .innerJoin(clientVpnDevices, eq(clientVpnDevices.id, clientVpnDeviceCertificates.deviceId))
    .where(
      and(
        eq(clientVpnDeviceCertificates.tenantId, tenantId),
        eq(clientVpnDevices.tenantId, tenantId),
        eq(clientVpnDeviceCertificates.region, endpoint.region),
        eq(clientVpnDeviceCertificates.clientVpnEndpointId, endpoint.clientVpnEndpointId),
        inArray(clientVpnDeviceCertificates.commonName, candidates),
      ),
    );
  return new Map(rows.map((row) => [row.commonName, { deviceId: row.deviceId, deviceName: row.deviceName }]));
}

async function tenantConnections(db: DbOrTx, tenantId: string, endpoint: EndpointRef, connections: ClientVpnConnection[]): Promise<DeviceConnection[]> {
  const live = connections.filter((connection) => isLive(connection.Status?.Code));
  const devices = await tenantDevicesByCommonName(db, tenantId, endpoint, live.map((connection) => connection.CommonName ?? ""));
  return live.flatMap((connection) => {
    const device = devices.get(connection.CommonName ?? "");
    const status = connection.Status?.Code;
    if (!device || !connection.ConnectionId || !isLive(status)) return [];
    return [
      {
        connectionId: connection.ConnectionId,
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        status,
        connectedSince: parseAwsTime(connection.ConnectionEstablishedTime),
        clientIp: connection.ClientIp ?? null,
        clientIpv6Address: connection.ClientIpv6Address ?? null,
        ingressBytes: count(connection.IngressBytes),
        egressBytes: count(connection.EgressBytes),
      },
    ];
  });
}

export interface ConnectionOptions {
  /** Provider staff name the tenant; customers act on their own. */
  tenantId?: string;
  ec2?: EC2Client;
}

/** The tenant's devices connected now, longest-connected first. */
export async function listDeviceConnections(db: DbOrTx, caller: Caller, endpoint: EndpointRef, options: ConnectionOptions = {}): Promise<DeviceConnection[]> {
  const tenantId = tenantFor(caller, options.tenantId);
  const ec2 = options.ec2 ?? providerEc2(endpoint.region);
  const connections = await describeConnections(ec2, { ClientVpnEndpointId: endpoint.clientVpnEndpointId });
  const mine = await tenantConnections(db, tenantId, endpoint, connections);
  return mine.sort((a, b) => (a.connectedSince?.getTime() ?? 0) - (b.connectedSince?.getTime() ?? 0));
}

/**
 * Ends one of the tenant's sessions. The device's client may reconnect: only revoking the device
 * keeps it out. Another tenant's connection, or one that ended, is "not found".
 */
export async function disconnectDeviceConnection(
  db: Db,
  caller: Caller,
  endpoint: EndpointRef,
  connectionId: string,
  options: ConnectionOptions = {},
): Promise<DeviceConnection> {
  const tenantId = tenantFor(caller, options.tenantId);
  if (!/^cvpn-connection-[0-9a-f]{17}$/.test(connectionId)) throw notFound();
  const ec2 = options.ec2 ?? providerEc2(endpoint.region);
  const found = await describeConnections(ec2, {
    ClientVpnEndpointId: endpoint.clientVpnEndpointId,
    Filters: [{ Name: "connection-id", Values: [connectionId] }],
  });
  const [connection] = await tenantConnections(db, tenantId, endpoint, found);
  if (!connection || connection.status !== "active") throw notFound();
  try {
    await withEndpointOperation(db, endpoint.clientVpnEndpointId, () =>
      ec2.send(new TerminateClientVpnConnectionsCommand({ ClientVpnEndpointId: endpoint.clientVpnEndpointId, ConnectionId: connectionId })),
    );
  } catch (error) {
    if (awsErrorCode(error) === "InvalidClientVpnConnection.IdNotFound") throw notFound();
    throw cloudError(error);
  }
  await recordAudit(db, caller, {
    action: "client_vpn_device.disconnect",
    tenantId,
    targetType: "client_vpn_device",
    targetId: connection.deviceId,
    detail: { connectionId, clientVpnEndpointId: endpoint.clientVpnEndpointId },
  });
  return { ...connection, status: "terminating" };
}
