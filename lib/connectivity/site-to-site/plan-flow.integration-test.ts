import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, connectionSecrets, connections, endpointConnections, ipamAllocations } from "@/db/schema";
import { reconcileDueNow } from "@/lib/connectivity/privatelink/reconciler";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { runUntilIdle } from "@/lib/engine/executor";
import { setTestCaller } from "@/lib/testing/session";
import { createSiteToSite, removeSiteToSite, revealPreSharedKeys } from "@/app/(app)/connections/site-to-site/actions";
import { createSiteToSitePlan } from "./plan";
import { siteToSiteStatusView } from "./status-view";
import { FAST, NOTHING, countByAction, createdId, createCalls, liveResourcesOf, setUpWorld, testDeps, validRequest, type World } from "./testing/harness";

const siteToSitePlan = createSiteToSitePlan(testDeps());
let world: World;

beforeAll(async () => {
  world = await setUpWorld(getDb());
});

async function provision(overrides: Record<string, unknown>) {
  setTestCaller(world.admin);
  const since = sandboxCloud().calls().length;
  const id = await createdId(createSiteToSite, validRequest(world, overrides));
  await runUntilIdle(getDb(), { plans: [siteToSitePlan], ...FAST, timeoutMs: 30_000 });
  return { id, since };
}

async function remove(id: string) {
  setTestCaller(world.admin);
  const removed = await removeSiteToSite({ connectionId: id });
  expect(removed.ok).toBe(true);
  await runUntilIdle(getDb(), { plans: [siteToSitePlan], ...FAST, timeoutMs: 30_000 });
}

describe("Site-to-Site VPN on the engine", () => {
  it("provisions the virtual private gateway variant with exactly the expected resources, then removes all of it", async () => {
    const { id, since } = await provision({});
    const view = await siteToSiteStatusView(getDb(), world.admin, id);
    expect(view.run?.error).toBeNull();
    expect(view.status).toBe("available");
    expect(view.run?.steps.every((s) => s.status === "succeeded")).toBe(true);
    expect(countByAction(createCalls(since))).toEqual({
      CreateVpc: 1,
      CreateSubnet: 2,
      CreateSecurityGroup: 2,
      CreateCustomerGateway: 1,
      CreateVpnGateway: 1,
      AttachVpnGateway: 1,
      CreateVpnConnection: 1,
      CreateVpcEndpoint: 2,
      CreateResolverEndpoint: 1,
    });
    expect(await liveResourcesOf(id)).toEqual({ ...NOTHING, vpc: 1, subnet: 2, "security-group": 2, "customer-gateway": 1, "vpn-gateway": 1, "vpn-connection": 1, "vpc-endpoint": 2, "resolver-endpoint": 1 });
    expect(view.tunnels).toHaveLength(2);
    expect(view.outputs.endpoints).toHaveLength(2);
    expect(view.outputs.resolverIps).toHaveLength(2);
    expect(view.outputs.landingCidr).toMatch(/^10\.1(2[89]|[3-4]\d)\./);

    // PrivateLink's reconciler sees these endpoints on the provider's services and leaves them alone.
    await reconcileDueNow(getDb());
    const landingEndpoints = view.outputs.endpoints.map((e) => e.vpcEndpointId);
    expect(await getDb().select().from(endpointConnections).where(inArray(endpointConnections.vpcEndpointId, landingEndpoints))).toEqual([]);

    // Pre-shared keys: encrypted at rest, revealed on request with an audit row.
    const stored = await getDb().select().from(connectionSecrets).where(eq(connectionSecrets.connectionId, id));
    expect(stored.map((s) => s.name).sort()).toEqual(["tunnel1.psk", "tunnel2.psk"]);
    const revealed = await revealPreSharedKeys({ connectionId: id });
    if (!revealed.ok) throw new Error(JSON.stringify(revealed));
    expect(revealed.data).toHaveLength(2);
    for (const key of revealed.data) {
      expect(key.preSharedKey).toMatch(/^[A-Za-z0-9._]{8,64}$/);
      for (const row of stored) expect(row.ciphertext).not.toContain(key.preSharedKey);
    }
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, "connection.secret.reveal"));
    expect(audits.map((a) => a.targetId)).toContain(id);
    expect(JSON.stringify(audits)).not.toContain(revealed.data[0]?.preSharedKey ?? "none");

    await remove(id);
    expect(await liveResourcesOf(id)).toEqual(NOTHING);
    const [row] = await getDb().select().from(connections).where(eq(connections.id, id));
    expect(row?.status).toBe("removed");
    expect(await getDb().select().from(connectionSecrets).where(eq(connectionSecrets.connectionId, id))).toEqual([]);
    const blocks = await getDb().select().from(ipamAllocations).where(eq(ipamAllocations.connectionId, id));
    expect(blocks.every((b) => b.releasedAt !== null)).toBe(true);
    expect((await siteToSiteStatusView(getDb(), world.admin, id)).status).toBe("removed");
  });

  it("provisions the accelerated transit gateway variant with static routes, then removes all but the shared gateway", async () => {
    const { id, since } = await provision({ accelerated: true, routing: { type: "static" }, productRegionIds: [world.analyticsUsEast] });
    const view = await siteToSiteStatusView(getDb(), world.admin, id);
    expect(view.run?.error).toBeNull();
    expect(view.status).toBe("available");
    expect(countByAction(createCalls(since))).toEqual({
      CreateVpc: 1,
      // Acme Analytics alone runs in three zones of us-east-1 (with Ledger, two are shared).
      CreateSubnet: 3,
      CreateSecurityGroup: 2,
      CreateCustomerGateway: 1,
      CreateTransitGateway: 1,
      CreateTransitGatewayRouteTable: 1,
      CreateTransitGatewayVpcAttachment: 1,
      CreateVpnConnection: 1,
      CreateVpcEndpoint: 1,
      CreateResolverEndpoint: 1,
    });
    expect(await liveResourcesOf(id)).toEqual({
      ...NOTHING,
      vpc: 1,
      subnet: 3,
      "security-group": 2,
      "customer-gateway": 1,
      "vpn-connection": 1,
      "vpc-endpoint": 1,
      "tgw-route-table": 1,
      "tgw-vpc-attachment": 1,
      "resolver-endpoint": 1,
    });
    await remove(id);
    expect(await liveResourcesOf(id)).toEqual(NOTHING);
  });
});
