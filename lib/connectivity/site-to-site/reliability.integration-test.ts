import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { database, getDb, openDatabase, type Db } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { env } from "@/lib/env";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId, loadRunView } from "@/lib/engine/runs";
import { setTestCaller } from "@/lib/testing/session";
import { createSiteToSite, removeSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { vpnDeviceTypes } from "./device-types";
import { createSiteToSitePlan } from "./plan";
import { FAST, NOTHING, callAction, createCalls, createdId, liveResourcesOf, setUpWorld, testDeps, validRequest, type World } from "./testing/harness";

/**
 * Faults and several workers. The sandbox holds the provider account to AWS's default quotas (five
 * VPCs with the default one among them, four resolver endpoints per region), so connections are
 * provisioned in waves of four per region, each wave removed before the next.
 */
const plan = createSiteToSitePlan(testDeps());
let world: World;

beforeAll(async () => {
  world = await setUpWorld(getDb());
});
afterEach(() => sandboxCloud().clearFaults());

const extraHandles: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(extraHandles.map((handle) => handle.close()));
});

/** Three databases for three workers: on PostgreSQL each with a pool of its own, as three processes would have. */
function workerDatabases(): Db[] {
  if (database().driver !== "postgres" || !env.DATABASE_URL) return [getDb(), getDb(), getDb()];
  const url = env.DATABASE_URL;
  const handles = [openDatabase({ url }), openDatabase({ url })];
  extraHandles.push(...handles);
  return [getDb(), ...handles.map((handle) => handle.db)];
}

/** A wave of four connections per region, mixing the gateway kinds and routing types. */
function waveRequests(w: World): Array<{ region: string; request: Record<string, unknown> }> {
  const east = [
    { productRegionIds: [w.analyticsUsEast, w.ledgerUsEast] },
    { productRegionIds: [w.ledgerUsEast], routing: { type: "static" } },
    { productRegionIds: [w.analyticsUsEast], accelerated: true },
    { productRegionIds: [w.analyticsUsEast], accelerated: true, routing: { type: "static" }, location: "other_cloud", cloud: "azure" },
  ];
  const west = [
    { productRegionIds: [w.analyticsEuWest] },
    { productRegionIds: [w.analyticsEuWest], routing: { type: "static" } },
    { productRegionIds: [w.analyticsEuWest], accelerated: true, location: "other_cloud", cloud: "azure", routing: { type: "bgp", asn: 65020 } },
    { productRegionIds: [w.analyticsEuWest], location: "other_cloud", cloud: "gcp", routing: { type: "bgp", asn: 65030 } },
  ];
  return [
    ...east.map((overrides, i) => ({ region: "us-east-1", request: validRequest(w, { ...overrides, onPremCidrs: [`192.168.${i}.0/24`] }) })),
    ...west.map((overrides, i) => ({ region: "eu-west-1", request: validRequest(w, { ...overrides, onPremCidrs: [`172.16.${i}.0/24`] }) })),
  ];
}

async function runAll(dbs: Db[], runIds: string[]): Promise<void> {
  await Promise.all(
    dbs.map((db, i) => runUntilIdle(db, { plans: [plan], ...FAST, workerId: `worker-${i}`, concurrency: 4, runIds, timeoutMs: 60_000 })),
  );
}

/** Provisions a wave to the end, checks each create happened once per resource, removes it and checks nothing is left. */
async function wave(dbs: Db[], options: { beforeLookingAtAws?: () => void } = {}): Promise<number> {
  const db = getDb();
  setTestCaller(world.admin);
  const since = sandboxCloud().calls().length;
  const requests = waveRequests(world);
  const connections = [];
  for (const { region, request } of requests) connections.push({ region, id: await createdId(createSiteToSite, request) });
  const runIds = await Promise.all(connections.map(async (c) => (await latestRunId(db, c.id)) ?? ""));
  await runAll(dbs, runIds);
  for (const runId of runIds) {
    const view = await loadRunView(db, runId);
    expect(view?.error, JSON.stringify(view?.error)).toBeNull();
    expect(view?.status).toBe("succeeded");
  }
  const creates = createCalls(since);
  const perResource = new Map<string, number>();
  for (const call of creates.filter((c) => c.resourceId)) {
    const key = `${call.action}:${call.resourceId ?? ""}`;
    perResource.set(key, (perResource.get(key) ?? 0) + 1);
  }
  expect([...perResource].filter(([, n]) => n > 1)).toEqual([]);
  expect(creates.filter((c) => c.action === "CreateVpc")).toHaveLength(connections.length);
  // The call log names no resource for an attachment: one per virtual private gateway, so one per such connection.
  const withVgw = requests.filter(({ request }) => request.accelerated !== true).length;
  expect(creates.filter((c) => c.action === "AttachVpnGateway")).toHaveLength(withVgw);

  for (const c of connections) expect((await callAction(removeSiteToSite, { connectionId: c.id })).ok).toBe(true);
  const undoIds = await Promise.all(connections.map(async (c) => (await latestRunId(db, c.id)) ?? ""));
  await runAll(dbs, undoIds);
  // The test's own look at the sandbox must not meet the injected faults.
  options.beforeLookingAtAws?.();
  for (const c of connections) expect(await liveResourcesOf(c.id, c.region)).toEqual(NOTHING);
  return connections.length;
}

describe("Site-to-Site reliability", () => {
  it("completes every plan and removal with a fifth of AWS calls throttled or failing", async () => {
    await setUpWorld(getDb(), "Warm-up Tenant");
    // The form's device list is read once per region and cached; the faults are for the plans' AWS work.
    await Promise.all(["us-east-1", "eu-west-1"].map((region) => vpnDeviceTypes(region)));
    const since = sandboxCloud().calls().length;
    sandboxCloud().setFaults({ throttleRate: 0.1, internalErrorRate: 0.1 });
    await wave([getDb()], { beforeLookingAtAws: () => sandboxCloud().clearFaults() });
    const calls = sandboxCloud().calls().slice(since);
    const failed = calls.filter((call) => call.status >= 500);
    expect(failed.length / calls.length).toBeGreaterThan(0.1);
  });

  it("shares the work among three workers on one database, creating every resource once", async () => {
    const dbs = workerDatabases();
    const target = database().driver === "postgres" ? 50 : 16;
    let provisioned = 0;
    while (provisioned < target) provisioned += await wave(dbs);
    expect(provisioned).toBeGreaterThanOrEqual(target);
  }, 300_000);
});
