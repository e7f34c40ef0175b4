import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { productRegions } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { awsErrorCode } from "@/lib/aws/errors";
import { latestRunView, type RunView } from "@/lib/engine/runs";
import { planConnectionLiveStatus } from "../plan-live-status";
import { findClientVpnConnection } from "./connection-record";
import { readTenantConnectionLog, type TenantConnectionLog } from "./devices/connection-log";
import { listDeviceConnections } from "./devices/connections";
import type { EndpointRef } from "./devices/endpoint";
import { listDevices } from "./devices/devices";
import { revocationListStatus } from "./devices/revocation-queue";
import { productAdditions } from "./product-additions";
import { environmentOutputs, environmentRun, placedEnvironment } from "./region-environment";
import type { ClientVpnStatusView, ClientVpnStepView } from "./status-view-types";

/**
 * The Client VPN connection page's live view: the shared environment's provisioning and the
 * connection's own run, the endpoint and the names of the products the tenant chose (from the
 * environment's build, or from an addition when the product came to the region after it), and the
 * tenant's devices, sessions and recent connection attempts on the endpoint (only the tenant's:
 * the device modules filter by certificate).
 */

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

function stepViews(run: RunView | null): ClientVpnStepView[] {
  return (run?.steps ?? []).map((step) => ({
    name: step.name,
    status: step.status === "ready" ? "pending" : step.status,
    waitReason: step.waitReason,
    errorCode: step.errorCode,
    errorMessage: step.errorMessage,
    startedAt: iso(step.startedAt),
    elapsedMs: step.elapsedMs,
  }));
}

/** Sessions and the connection log are read from AWS on every poll; a failed read shows none rather than failing the page. */
async function orNothing<T>(what: string, endpoint: EndpointRef, read: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    console.error(`[onramp] reading the Client VPN ${what} of ${endpoint.clientVpnEndpointId} failed (${awsErrorCode(error)})`);
    return nothing;
  }
}

const NO_LOG: TenantConnectionLog = { attempts: [], deviceIps: new Map() };

export async function clientVpnStatusView(db: Db, caller: Caller, connectionId: string, now: Date = new Date()): Promise<ClientVpnStatusView> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  const run = await latestRunView(db, connectionId, now);
  const status = planConnectionLiveStatus(connection.status, run);

  const environment = status === "removed" ? null : await placedEnvironment(db, connection.id);
  const environmentRunView = environment ? await environmentRun(db, environment.id) : null;
  const outputs = environment ? await environmentOutputs(db, environment.id) : null;
  const endpoint = outputs?.endpoint && environment?.status === "available" ? { region: connection.region, ...outputs.endpoint } : null;

  const portRows = connection.products.length
    ? await db
        .select({ id: productRegions.id, ports: productRegions.ports })
        .from(productRegions)
        .where(
          inArray(
            productRegions.id,
            connection.products.map((product) => product.productRegionId),
          ),
        )
    : [];
  const ports = new Map(portRows.map((row) => [row.id, row.ports]));
  const dnsNames = new Map(outputs?.productEndpoints.map((entry) => [entry.productRegionId, entry.dnsNames]) ?? []);
  // A product the region began offering after the environment was built reaches it by an addition.
  const additions = new Map((environment ? await productAdditions(db, environment.id) : []).map((addition) => [addition.productRegionId, addition]));

  const devices = (await listDevices(db, caller, { tenantId: connection.tenantId, now })).filter(
    (device) => device.region === connection.region && device.createdAt >= connection.createdAt,
  );
  const live = endpoint && status === "available" ? endpoint : null;
  const sessions = live ? await orNothing("sessions", live, () => listDeviceConnections(db, caller, live, { tenantId: connection.tenantId }), []) : [];
  const logRef = outputs?.connectionLog ?? null;
  const log =
    live && logRef
      ? await orNothing("connection log", live, () => readTenantConnectionLog(db, caller, live, logRef, { tenantId: connection.tenantId, now }), NO_LOG)
      : NO_LOG;
  const revocation = endpoint ? await revocationListStatus(db, endpoint) : null;

  return {
    id: connection.id,
    status,
    label: connection.label,
    region: connection.region,
    steps: [...(run?.direction === "provision" ? stepViews(environmentRunView?.direction === "provision" ? environmentRunView : null) : []), ...stepViews(run)],
    error: run?.error ?? null,
    endpoint:
      outputs?.endpoint && outputs.clientCidr
        ? // AWS names the endpoint "*.cvpn-endpoint-…"; clients connect to the name under the wildcard (with a random label).
          { clientVpnEndpointId: outputs.endpoint.clientVpnEndpointId, dnsName: outputs.endpoint.dnsName.replace(/^\*\./, ""), clientCidr: outputs.clientCidr }
        : null,
    products: connection.products.map((product) => {
      const addition = additions.get(product.productRegionId);
      return {
        productName: product.productName,
        privateDnsName: product.privateDnsName,
        endpointDnsNames: dnsNames.get(product.productRegionId) ?? addition?.endpointDnsNames ?? [],
        ports: ports.get(product.productRegionId) ?? [],
        adding: addition?.status === "adding",
        unreachable: addition?.status === "unreachable" || addition?.status === "failed" ? (addition.reason ?? "Its interface endpoint could not be made.") : null,
      };
    }),
    devices: devices.map((device) => ({
      id: device.id,
      name: device.name,
      status: device.status,
      createdAt: device.createdAt.toISOString(),
      expiresAt: iso(device.expiresAt),
      revokedAt: iso(device.revokedAt),
      lastDownloadAt: iso(device.lastDownloadAt),
      pendingDownloadExpiresAt: iso(device.pendingDownload?.expiresAt),
    })),
    sessions: sessions.map((session) => ({
      sessionId: session.connectionId,
      deviceId: session.deviceId,
      deviceName: session.deviceName,
      connectedSince: iso(session.connectedSince) ?? now.toISOString(),
      clientIp: session.clientIp,
      deviceIp: log.deviceIps.get(session.connectionId) ?? null,
      bytesIn: session.ingressBytes,
      bytesOut: session.egressBytes,
      status: session.status,
    })),
    connectionLog: {
      enabled: logRef !== null,
      attempts: log.attempts.map((attempt) => ({
        connectionId: attempt.connectionId,
        deviceId: attempt.deviceId,
        deviceName: attempt.deviceName,
        at: attempt.at.toISOString(),
        deviceIp: attempt.deviceIp,
        result: attempt.result,
        failureReason: attempt.failureReason,
        durationSeconds: attempt.durationSeconds,
      })),
    },
    revocation: {
      pendingSince: iso(revocation?.pendingSince),
      nextImportAt: iso(revocation?.nextImportAt),
      lastImportAt: iso(revocation?.lastImportedAt),
    },
  };
}
