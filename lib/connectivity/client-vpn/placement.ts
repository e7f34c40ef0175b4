import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnDevices, clientVpnEnvironments, connections, tenants } from "@/db/schema";
import type { Plan } from "@/lib/engine/plan";
import { AppError } from "@/lib/errors";
import { startClientVpnEnvironment } from "./environments";
import type { ClientVpnPlanInput } from "./plan-input";

/**
 * Places a tenant's Client VPN connection on one environment of its region's pool.
 *
 * What one shared environment takes, from AWS's quotas (AWS-FACTS.md):
 * - Devices: each environment associates two subnets, for which AWS allows 36,500 concurrent
 *   connections, but its client block is a /20 (plan-input.ts) and AWS asks for twice as many
 *   addresses as connections: 2,048. Every device may be connected at once, so 2,000 devices.
 * - The revocation list holds at most 20,000 entries and keeps a revoked certificate until it
 *   expires (a year): 2,000 devices leave room for ten revocations or re-downloads per device a year.
 * - Tenants: an endpoint holds at most 200 authorization rules. The environment uses one per subnet
 *   (2); a rule per tenant and subnet, should tenants ever be told apart by rules, fits 99 tenants.
 * A new tenant goes to an environment with room for both; a tenant already placed keeps adding
 * devices up to the device limit (device-requests.ts).
 */
export interface EnvironmentCapacity {
  tenants: number;
  devices: number;
}

export const SHARED_ENVIRONMENT_CAPACITY: EnvironmentCapacity = { tenants: 99, devices: 2_000 };

/** AWS's quota of Client VPN endpoints per region (adjustable; Onramp stays within the default). */
export const ENVIRONMENTS_PER_REGION = 5;

// A fixed id in pg_advisory_xact_lock's space, distinct from the IPAM allocator's and the shared TGW's.
const PLACEMENT_LOCK_ID = 4_170_215;

/** Live environments of the region with the tenants placed on each and their active devices. */
async function poolOf(tx: Db, region: string) {
  const environments = await tx
    .select({ id: clientVpnEnvironments.id, status: clientVpnEnvironments.status, dedicatedTenantId: clientVpnEnvironments.dedicatedTenantId })
    .from(clientVpnEnvironments)
    .where(and(eq(clientVpnEnvironments.region, region), ne(clientVpnEnvironments.status, "removed")))
    .orderBy(asc(clientVpnEnvironments.createdAt));
  if (environments.length === 0) return [];
  const placed = await tx
    .select({
      environmentId: connections.clientVpnEnvironmentId,
      tenants: sql<number>`count(distinct ${connections.tenantId})::int`,
      devices: sql<number>`count(${clientVpnDevices.id})::int`,
    })
    .from(connections)
    .leftJoin(
      clientVpnDevices,
      and(eq(clientVpnDevices.tenantId, connections.tenantId), eq(clientVpnDevices.region, region), eq(clientVpnDevices.status, "active")),
    )
    .where(
      and(
        inArray(
          connections.clientVpnEnvironmentId,
          environments.map((environment) => environment.id),
        ),
        ne(connections.status, "removed"),
      ),
    )
    .groupBy(connections.clientVpnEnvironmentId);
  const load = new Map(placed.map((row) => [row.environmentId, row]));
  return environments.map((environment) => ({ ...environment, tenants: load.get(environment.id)?.tenants ?? 0, devices: load.get(environment.id)?.devices ?? 0 }));
}

export function poolExhausted(region: string): AppError {
  const message = `Every Client VPN endpoint Onramp may run in ${region} is full (AWS allows ${ENVIRONMENTS_PER_REGION} per region). Contact the provider.`;
  return new AppError("conflict", message, { region: [message] });
}

/**
 * Chooses the connection's environment and records it on the connection, in the caller's
 * transaction: the region's lock makes concurrent placements, in any process, take turns, so none
 * overfills an environment or starts one too many. A dedicated tenant gets its own environment;
 * others the oldest shared one with room, or a new one while the region's quota allows. When it
 * does not, this throws before anything is written, so the caller's transaction rolls back whole.
 * Returns the environment id.
 */
export async function placeClientVpnConnection(
  tx: Db,
  environmentPlan: Plan<ClientVpnPlanInput>,
  connectionId: string,
  capacity: EnvironmentCapacity = SHARED_ENVIRONMENT_CAPACITY,
): Promise<string> {
  const [connection] = await tx
    .select({ tenantId: connections.tenantId, params: connections.params, environmentId: connections.clientVpnEnvironmentId, dedicated: tenants.dedicatedClientVpn })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(and(eq(connections.id, connectionId), eq(connections.type, "client_vpn")));
  const region = connection?.params?.region;
  if (!connection || typeof region !== "string") throw new Error(`Connection ${connectionId} is not a Client VPN connection.`);
  if (connection.environmentId) return connection.environmentId;

  await tx.execute(sql`select pg_advisory_xact_lock(${PLACEMENT_LOCK_ID}, hashtext(${region}))`);
  const pool = await poolOf(tx, region);
  const usable = pool.filter((environment) => environment.status === "provisioning" || environment.status === "available");
  const chosen = connection.dedicated
    ? usable.find((environment) => environment.dedicatedTenantId === connection.tenantId)
    : usable.find((environment) => environment.dedicatedTenantId === null && environment.tenants < capacity.tenants && environment.devices < capacity.devices);
  let environmentId = chosen?.id;
  if (!environmentId) {
    // Environments being removed still hold their endpoint, so they count against the quota.
    if (pool.length >= ENVIRONMENTS_PER_REGION) throw poolExhausted(region);
    environmentId = await startClientVpnEnvironment(tx, environmentPlan, region, { dedicatedTenantId: connection.dedicated ? connection.tenantId : null });
  }
  await tx.update(connections).set({ clientVpnEnvironmentId: environmentId }).where(eq(connections.id, connectionId));
  return environmentId;
}

/**
 * Whether the environment may take another active device. The count is not locked: concurrent adds
 * may pass it together, which the 2,048 connections the client block allows absorb.
 */
export async function environmentHasRoomForDevice(tx: Db, environmentId: string, region: string, capacity: EnvironmentCapacity = SHARED_ENVIRONMENT_CAPACITY): Promise<boolean> {
  const [row] = await tx
    .select({ devices: sql<number>`count(${clientVpnDevices.id})::int` })
    .from(connections)
    .innerJoin(
      clientVpnDevices,
      and(eq(clientVpnDevices.tenantId, connections.tenantId), eq(clientVpnDevices.region, region), eq(clientVpnDevices.status, "active")),
    )
    .where(and(eq(connections.clientVpnEnvironmentId, environmentId), ne(connections.status, "removed")));
  return (row?.devices ?? 0) < capacity.devices;
}
