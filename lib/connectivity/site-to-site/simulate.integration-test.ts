import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, connectionEvents } from "@/db/schema";
import { createSiteToSite, removeSiteToSite, simulateSiteToSiteTunnels } from "@/app/(app)/connections/site-to-site/actions";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { runUntilIdle } from "@/lib/engine/executor";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { createSiteToSitePlan } from "./plan";
import { siteToSiteStatusView } from "./status-view";
import { FAST, createdId, setUpWorld, testDeps, validRequest, type World } from "./testing/harness";

const plan = createSiteToSitePlan(testDeps());
let world: World;
let outsider: Caller;
let viewer: Caller;

beforeAll(async () => {
  const db = getDb();
  world = await setUpWorld(db, "Simulating Tenant");
  const other = await createTenant(db, "Other Tenant");
  outsider = await createUser(db, { role: "customer_admin", tenantId: other.id });
  viewer = await createUser(db, { role: "customer_viewer", tenantId: world.admin.tenantId ?? "" });
});

async function provisioned(): Promise<string> {
  setTestCaller(world.admin);
  const id = await createdId(createSiteToSite, validRequest(world, { productRegionIds: [world.analyticsUsEast] }));
  await runUntilIdle(getDb(), { plans: [plan], ...FAST, timeoutMs: 30_000 });
  return id;
}

/** The tunnels' state as AWS's telemetry reports it, read directly: the status view caches it for a few seconds. */
async function telemetry(connectionId: string): Promise<string[]> {
  const found = await providerEc2("us-east-1").send(new DescribeVpnConnectionsCommand({ Filters: [{ Name: "tag:onramp:connection", Values: [connectionId] }] }));
  const live = (found.VpnConnections ?? []).filter((connection) => connection.State === "available");
  expect(live).toHaveLength(1);
  return (live[0]?.VgwTelemetry ?? []).map((entry) => entry.Status ?? "none");
}

async function auditsOf(connectionId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "connection.simulate_tunnels"), eq(auditLog.targetId, connectionId)));
}

describe("Simulate your side of a Site-to-Site VPN (sandbox)", () => {
  it("brings both tunnels up as the customer's device would, audited, and the status view shows them UP", async () => {
    const id = await provisioned();
    expect(await telemetry(id)).toEqual(["DOWN", "DOWN"]);

    setTestCaller(world.admin);
    const up = await simulateSiteToSiteTunnels({ connectionId: id, status: "UP" });
    expect(up).toMatchObject({ ok: true, data: { status: "UP", vpnConnectionId: expect.stringMatching(/^vpn-[0-9a-f]+$/) } });

    const view = await siteToSiteStatusView(getDb(), world.admin, id);
    expect(view.status).toBe("available");
    expect(view.tunnels.map((tunnel) => tunnel.status)).toEqual(["UP", "UP"]);
    expect(view.tunnels.every((tunnel) => tunnel.lastStatusChange !== null)).toBe(true);

    const audits = await auditsOf(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: world.admin.userId, tenantId: world.admin.tenantId, detail: { status: "UP" } });
    const events = await getDb().select().from(connectionEvents).where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.kind, "simulated_tunnels")));
    expect(events).toHaveLength(1);

    const down = await simulateSiteToSiteTunnels({ connectionId: id, status: "DOWN" });
    expect(down.ok).toBe(true);
    expect(await telemetry(id)).toEqual(["DOWN", "DOWN"]);
    expect((await auditsOf(id)).map((audit) => audit.detail?.status).sort()).toEqual(["DOWN", "UP"]);
  });

  it("answers another tenant 'not found', refuses a viewer, and changes nothing for either", async () => {
    const id = await provisioned();

    setTestCaller(outsider);
    const cross = await simulateSiteToSiteTunnels({ connectionId: id, status: "UP" });
    expect(cross).toMatchObject({ ok: false, code: "not_found" });
    expect(JSON.stringify(cross)).not.toContain("vpn-");

    setTestCaller(viewer);
    const denied = await simulateSiteToSiteTunnels({ connectionId: id, status: "UP" });
    expect(denied).toMatchObject({ ok: false, code: "forbidden" });

    expect(await telemetry(id)).toEqual(["DOWN", "DOWN"]);
    expect(await auditsOf(id)).toEqual([]);
  });

  it("refuses before AWS has created the VPN connection and once the connection is being removed", async () => {
    setTestCaller(world.admin);
    const id = await createdId(createSiteToSite, validRequest(world, { productRegionIds: [world.analyticsUsEast] }));
    const early = await simulateSiteToSiteTunnels({ connectionId: id, status: "UP" });
    expect(early).toMatchObject({ ok: false, code: "conflict" });

    await runUntilIdle(getDb(), { plans: [plan], ...FAST, timeoutMs: 30_000 });
    expect((await removeSiteToSite({ connectionId: id })).ok).toBe(true);
    const removing = await simulateSiteToSiteTunnels({ connectionId: id, status: "UP" });
    expect(removing).toMatchObject({ ok: false, code: "conflict" });
    await runUntilIdle(getDb(), { plans: [plan], ...FAST, timeoutMs: 30_000 });
    expect(await auditsOf(id)).toEqual([]);
  });

  it("rejects a status other than UP or DOWN with a field error", async () => {
    setTestCaller(world.admin);
    const result = await Reflect.apply(simulateSiteToSiteTunnels, undefined, [{ connectionId: "8a6e0804-2bd0-4672-b79d-d46e8b6ad7c0", status: "SIDEWAYS" }]);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { status: [expect.any(String)] } });
  });
});
