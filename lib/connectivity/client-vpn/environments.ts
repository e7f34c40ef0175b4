import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { clientVpnEnvironments, productRegions, products, type ClientVpnEnvironmentStatus } from "@/db/schema";
import { planProductColumns } from "@/lib/connectivity/landing-network/plan-product";
import { startDeprovision, startProvision } from "@/lib/engine/runs";
import type { Plan } from "@/lib/engine/plan";
import { AppError } from "@/lib/errors";
import { releaseLandingCidr } from "@/lib/ipam/allocations";
import { destroyAuthorities } from "./authorities";
import { markEnvironmentAdditionsRemoved } from "./product-additions";
import { DEFAULT_SESSION_TIMEOUT_HOURS, type ClientVpnPlanInput } from "./plan-input";

/**
 * One Client VPN environment of a region's pool: starting its provisioning, starting its removal,
 * and the two moments the engine changes its row (ready; gone). The environment belongs to the
 * provider, not to a tenant: its runs and the onramp:tenant tag on its resources carry the nil UUID.
 */
export const PROVIDER_TENANT_ID = "00000000-0000-0000-0000-000000000000";

/** Zone IDs every product's endpoint service runs in, the first two: one subnet each. */
function sharedZones(zoneLists: ReadonlyArray<readonly string[]>): string[] {
  const [first = [], ...rest] = zoneLists;
  return first.filter((zone) => rest.every((zones) => zones.includes(zone))).sort().slice(0, 2);
}

/**
 * Records the environment and starts its provisioning run, reaching every product the catalog
 * offers in the region, in the caller's transaction (placement.ts decides when the pool needs
 * one). A dedicated environment is reserved for that tenant. Returns the environment id.
 */
export async function startClientVpnEnvironment(
  tx: Db,
  plan: Plan<ClientVpnPlanInput>,
  region: string,
  options: { dedicatedTenantId: string | null },
): Promise<string> {
  const offered = await tx
    .select(planProductColumns)
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(productRegions.region, region));
  if (offered.length === 0) throw new AppError("invalid_input", `The provider offers no products in ${region}.`);
  const zoneIds = sharedZones(offered.map((product) => product.zoneIds));
  if (zoneIds.length < 2) throw new AppError("conflict", `The products in ${region} share fewer than two availability zones.`);

  const [environment] = await tx
    .insert(clientVpnEnvironments)
    .values({ region, dedicatedTenantId: options.dedicatedTenantId })
    .returning({ id: clientVpnEnvironments.id, clientCidrHolderId: clientVpnEnvironments.clientCidrHolderId });
  if (!environment) throw new Error("Inserting a Client VPN environment returned no row.");
  const input: ClientVpnPlanInput = {
    region,
    products: offered.map(({ zoneIds: _zones, ...product }) => product),
    zoneIds,
    clientCidrHolderId: environment.clientCidrHolderId,
    sessionTimeoutHours: DEFAULT_SESSION_TIMEOUT_HOURS,
  };
  await startProvision(tx, plan, { connectionId: environment.id, tenantId: PROVIDER_TENANT_ID, input });
  return environment.id;
}

async function move(db: DbOrTx, id: string, from: readonly ClientVpnEnvironmentStatus[], set: Partial<typeof clientVpnEnvironments.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(clientVpnEnvironments)
    .set(set)
    .where(and(eq(clientVpnEnvironments.id, id), inArray(clientVpnEnvironments.status, [...from])))
    .returning({ id: clientVpnEnvironments.id });
  return rows.length > 0;
}

/** Starts removing everything the environment's provisioning made; a repeat returns the same run. */
export async function removeClientVpnEnvironment(db: Db, plan: Plan<ClientVpnPlanInput>, environmentId: string): Promise<string> {
  const [row] = await db.select({ status: clientVpnEnvironments.status }).from(clientVpnEnvironments).where(and(eq(clientVpnEnvironments.id, environmentId), ne(clientVpnEnvironments.status, "removed")));
  if (!row) throw new AppError("not_found", "There is no such Client VPN environment.");
  await move(db, environmentId, ["provisioning", "available"], { status: "removing" });
  return startDeprovision(db, plan, { connectionId: environmentId });
}

export async function markEnvironmentAvailable(db: DbOrTx, environmentId: string): Promise<void> {
  await move(db, environmentId, ["provisioning"], { status: "available", availableAt: new Date() });
}

/**
 * The end of a removal: both address blocks go back to the pools and the CA keys are destroyed,
 * since nothing AWS holds uses them any more; the products added later went with the VPC.
 */
export async function markEnvironmentRemoved(db: Db, environmentId: string, clientCidrHolderId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await releaseLandingCidr(tx, environmentId);
    await releaseLandingCidr(tx, clientCidrHolderId);
    await destroyAuthorities(tx, environmentId);
    await markEnvironmentAdditionsRemoved(tx, environmentId);
    await move(tx, environmentId, ["removing"], { status: "removed", removedAt: new Date() });
  });
}
