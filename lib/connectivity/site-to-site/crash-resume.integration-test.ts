import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId } from "@/lib/engine/runs";
import { crashThenResume, WorkerCrash } from "@/lib/engine/testing/worker-crash";
import { setTestCaller } from "@/lib/testing/session";
import { createSiteToSite, removeSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { createSiteToSitePlan } from "./plan";
import type { StepCheckpoint } from "./step-env";
import { FAST, NOTHING, callAction, countByAction, createCalls, createdId, liveResourcesOf, setUpWorld, testDeps, validRequest, type World } from "./testing/harness";

/**
 * A worker dies at every step boundary of the Site-to-Site plan: as each step starts, and right
 * before and right after each AWS create (the step claimed, its lease held, the create's result
 * maybe unrecorded). A new worker takes over once the lease runs out. The plan must finish with
 * exactly the expected resources, none made twice, and the removal leave nothing of it.
 */
const crash = new WorkerCrash<StepCheckpoint>();
const doomedPlan = createSiteToSitePlan(testDeps(crash.checkpoint));
const plan = createSiteToSitePlan(testDeps());

/** The virtual private gateway variant with BGP: these steps make something in AWS. */
const CREATING_STEPS = new Set(["vpc", "subnets", "securityGroups", "customerGateway", "gateway", "gatewayAttachment", "vpnConnection", "endpoints", "resolver"]);
const boundaries = plan.order.flatMap((stepName) =>
  (CREATING_STEPS.has(stepName) ? (["start", "before-create", "after-create"] as const) : (["start"] as const)).map((point) => ({ stepName, point })),
);

const EXPECTED_CREATES = {
  CreateVpc: 1,
  CreateSubnet: 2,
  CreateSecurityGroup: 2,
  CreateCustomerGateway: 1,
  CreateVpnGateway: 1,
  AttachVpnGateway: 1,
  CreateVpnConnection: 1,
  CreateVpcEndpoint: 2,
  CreateResolverEndpoint: 1,
};
const DEAD_LEASE_MS = 300;

let world: World;
beforeAll(async () => {
  world = await setUpWorld(getDb());
});

describe("Site-to-Site crash and resume", () => {
  it.each(boundaries)("resumes after a crash at $point of step $stepName, creating nothing twice", async ({ stepName, point }) => {
    const db = getDb();
    setTestCaller(world.admin);
    const since = sandboxCloud().calls().length;
    const connectionId = await createdId(createSiteToSite, validRequest(world));
    const runId = await latestRunId(db, connectionId);
    if (!runId) throw new Error("no run");
    await crashThenResume(db, crash, { runId, stepName, point }, { doomed: [doomedPlan], successor: [plan], ...FAST, leaseMs: DEAD_LEASE_MS, timeoutMs: 60_000 });
    expect(countByAction(createCalls(since))).toEqual(EXPECTED_CREATES);
    expect(await liveResourcesOf(connectionId)).toEqual({
      ...NOTHING,
      vpc: 1,
      subnet: 2,
      "security-group": 2,
      "customer-gateway": 1,
      "vpn-gateway": 1,
      "vpn-connection": 1,
      "vpc-endpoint": 2,
      "resolver-endpoint": 1,
    });

    expect((await callAction(removeSiteToSite, { connectionId })).ok).toBe(true);
    const undoId = await latestRunId(db, connectionId);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: undoId ? [undoId] : [], timeoutMs: 60_000 });
    expect(await liveResourcesOf(connectionId)).toEqual(NOTHING);
  });
});
