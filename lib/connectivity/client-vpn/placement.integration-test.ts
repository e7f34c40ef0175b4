import { and, eq, inArray, ne } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { database, getDb, openDatabase, type Db } from "@/db/client";
import { auditLog, clientVpnDevices, clientVpnEnvironments, connections, planRuns, productRegions, products } from "@/db/schema";
import { env } from "@/lib/env";
import { registerSandboxProducts } from "@/lib/dal/products";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setDedicatedClientVpn } from "./dedicated";
import { createTenantWithUsers } from "./devices/testing/endpoint-harness";
import { ENVIRONMENTS_PER_REGION, environmentHasRoomForDevice, placeClientVpnConnection, type EnvironmentCapacity } from "./placement";
import { clientVpnEnvironmentPlan } from "./plans";
import { createClientVpn } from "./requests";

const REGION = "us-east-1";
const db = getDb();
const TWO_TENANTS: EnvironmentCapacity = { tenants: 2, devices: 100 };
let productRegionId = "";

beforeAll(async () => {
  await registerSandboxProducts(db);
  const [row] = await db
    .select({ id: productRegions.id })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(and(eq(products.slug, "analytics"), eq(productRegions.region, REGION)));
  if (!row) throw new Error(`the sandbox has no analytics in ${REGION}`);
  productRegionId = row.id;
});

// Each test starts from an empty pool: what earlier tests placed is marked gone.
afterEach(async () => {
  await db.update(connections).set({ status: "removed" }).where(eq(connections.type, "client_vpn"));
  await db.update(clientVpnEnvironments).set({ status: "removed" });
});

const extraHandles: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(extraHandles.map((handle) => handle.close()));
});

/** Two databases: on PostgreSQL each with a pool of its own, as two processes would have. */
function workerDatabases(): Db[] {
  if (database().driver !== "postgres" || !env.DATABASE_URL) return [getDb(), getDb()];
  const handle = openDatabase({ url: env.DATABASE_URL });
  extraHandles.push(handle);
  return [getDb(), handle.db];
}

/** A requested Client VPN connection of a new tenant, not placed yet. */
async function requestedConnection(name: string, tenantId?: string): Promise<string> {
  const tenant = tenantId ?? (await createTenant(db, name)).id;
  const [row] = await db
    .insert(connections)
    .values({ tenantId: tenant, location: "on_premises", type: "client_vpn", params: { region: REGION, productRegionIds: [productRegionId] }, status: "provisioning" })
    .returning({ id: connections.id });
  if (!row) throw new Error("no connection row");
  return row.id;
}

const place = (handle: Db, connectionId: string, capacity = TWO_TENANTS) =>
  handle.transaction((tx) => placeClientVpnConnection(tx, clientVpnEnvironmentPlan, connectionId, capacity));

async function placements(connectionIds: string[]): Promise<Map<string, string | null>> {
  const rows = await db.select({ id: connections.id, environmentId: connections.clientVpnEnvironmentId }).from(connections).where(inArray(connections.id, connectionIds));
  return new Map(rows.map((row) => [row.id, row.environmentId]));
}

const liveEnvironments = () =>
  db
    .select({ id: clientVpnEnvironments.id, dedicatedTenantId: clientVpnEnvironments.dedicatedTenantId })
    .from(clientVpnEnvironments)
    .where(and(eq(clientVpnEnvironments.region, REGION), ne(clientVpnEnvironments.status, "removed")));

describe("placing Client VPN connections on the region's pool", () => {
  it("fills one environment, then starts a second with its own provisioning run", async () => {
    const ids = [await requestedConnection("Fill A"), await requestedConnection("Fill B"), await requestedConnection("Fill C")];
    const [first, second, third] = [await place(db, ids[0] ?? ""), await place(db, ids[1] ?? ""), await place(db, ids[2] ?? "")];
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    // A repeat keeps the placement.
    expect(await place(db, ids[2] ?? "")).toBe(third);
    expect([...(await placements(ids)).entries()].sort()).toEqual(
      [
        [ids[0], first],
        [ids[1], first],
        [ids[2], third],
      ].sort(),
    );
    expect(await liveEnvironments()).toHaveLength(2);
    const runs = await db.select({ connectionId: planRuns.connectionId }).from(planRuns).where(inArray(planRuns.connectionId, [first, third]));
    expect(runs.map((run) => run.connectionId).sort()).toEqual([first, third].sort());
  });

  it("starts another environment once the devices on one reach its limit", async () => {
    const roomy = { tenants: 50, devices: 1 };
    const first = await requestedConnection("Devices A");
    const firstEnvironment = await place(db, first, roomy);
    const [owner] = await db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, first));
    await db.insert(clientVpnDevices).values({ tenantId: owner?.tenantId ?? "", region: REGION, clientVpnEndpointId: "cvpn-endpoint-0eeeeeeeeeeeeeee1", name: "laptop" });
    expect(await environmentHasRoomForDevice(db, firstEnvironment, REGION, roomy)).toBe(false);
    expect(await place(db, await requestedConnection("Devices B"), roomy)).not.toBe(firstEnvironment);
  });

  it("never overfills an environment when two processes place at once", async () => {
    const [one, two] = workerDatabases() as [Db, Db];
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => requestedConnection(`Race ${i}`)));
    await Promise.all(ids.map((id, i) => place(i % 2 === 0 ? one : two, id)));
    const perEnvironment = new Map<string, number>();
    for (const environmentId of (await placements(ids)).values()) {
      expect(environmentId).not.toBeNull();
      perEnvironment.set(environmentId ?? "", (perEnvironment.get(environmentId ?? "") ?? 0) + 1);
    }
    expect([...perEnvironment.values()]).toEqual([2, 2, 2]);
    expect(await liveEnvironments()).toHaveLength(3);
  });

  it("gives a dedicated tenant an environment of its own that no other tenant lands on", async () => {
    const enterprise = await createTenant(db, "Enterprise");
    const admin = await createUser(db, { role: "provider_admin" });
    await setDedicatedClientVpn(db, admin, enterprise.id, true);
    const [audit] = await db.select({ detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.action, "tenant.client_vpn_dedicated"), eq(auditLog.targetId, enterprise.id)));
    expect(audit?.detail).toEqual({ dedicated: true });

    const dedicatedId = await place(db, await requestedConnection("", enterprise.id));
    const [dedicated] = await db.select({ dedicatedTenantId: clientVpnEnvironments.dedicatedTenantId }).from(clientVpnEnvironments).where(eq(clientVpnEnvironments.id, dedicatedId));
    expect(dedicated?.dedicatedTenantId).toBe(enterprise.id);
    // Even with room for many tenants, the others start a shared one beside it.
    const shared = [await requestedConnection("Shared A"), await requestedConnection("Shared B")];
    const sharedIds = await Promise.all(shared.map((id) => place(db, id, { tenants: 50, devices: 100 })));
    expect(sharedIds[0]).toBe(sharedIds[1]);
    expect(sharedIds).not.toContain(dedicatedId);
  });

  it("refuses a request with a field error when the region's pool is exhausted, writing nothing", async () => {
    const customer = await createTenantWithUsers(db, "Latecomer");
    // Every endpoint the region may have belongs to other enterprise tenants.
    for (let i = 0; i < ENVIRONMENTS_PER_REGION; i++) {
      const other = await createTenant(db, `Enterprise ${i}`);
      await db.insert(clientVpnEnvironments).values({ region: REGION, dedicatedTenantId: other.id, status: "available" });
    }
    const auditBefore = await db.$count(auditLog);
    await expect(createClientVpn(db, customer.admin, { region: REGION, productRegionIds: [productRegionId] })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { region: [expect.stringContaining("full")] },
    });
    expect(await db.$count(connections, eq(connections.tenantId, customer.tenant.id))).toBe(0);
    expect(await db.$count(auditLog)).toBe(auditBefore);
    expect(await liveEnvironments()).toHaveLength(ENVIRONMENTS_PER_REGION);
  });
});
