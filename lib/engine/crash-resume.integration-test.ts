import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runUntilIdle } from "./executor";
import { loadRunView, startDeprovision } from "./runs";
import { createDemoNetworkPlan, type DemoCheckpoint } from "./testing/demo-network-plan";
import { crashThenResume, WorkerCrash } from "./testing/worker-crash";
import { DEMO_CREATES, FAST, countByAction, createCalls, liveResourcesOfRun, sandboxEc2, startDemoRun } from "./testing/demo-harness";

/**
 * A worker is killed at every step boundary of the plan (right before and right after each AWS
 * create, with the step claimed and its lease held); a new worker takes over once the lease runs
 * out. The plan must finish with exactly one of each resource, and its removal leave nothing.
 */
const crash = new WorkerCrash<DemoCheckpoint>();
const doomedPlan = createDemoNetworkPlan({ ec2For: sandboxEc2, checkpoint: crash.checkpoint });
const plan = createDemoNetworkPlan({ ec2For: sandboxEc2 });

const boundaries = plan.order.flatMap((stepName) => (["before-create", "after-create"] as const).map((point) => ({ stepName, point })));
const DEAD_LEASE_MS = 300;

describe("crash and resume", () => {
  it.each(boundaries)("resumes after a crash $point in step $stepName, creating nothing twice", async ({ stepName, point }) => {
    const db = getDb();
    const { runId, accountId, connectionId } = await startDemoRun(db, plan);
    await crashThenResume(db, crash, { runId, stepName, point }, { doomed: [doomedPlan], successor: [plan], ...FAST, leaseMs: DEAD_LEASE_MS, concurrency: 4 });
    expect(countByAction(createCalls(accountId))).toEqual(DEMO_CREATES);
    const live = await liveResourcesOfRun(accountId, runId);
    expect(Object.values(live).map((ids) => ids.length)).toEqual([1, 2, 1, 1]);

    const undoId = await startDeprovision(db, plan, { connectionId });
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId] });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    expect(await liveResourcesOfRun(accountId, runId)).toEqual({ vpc: [], subnet: [], "security-group": [], "vpn-gateway": [] });
  });

  it("removes what a crashed, cancelled provisioning made, found by its tags", async () => {
    const db = getDb();
    const { runId, accountId, connectionId } = await startDemoRun(db, plan);
    await crash.crashAt(db, { runId, stepName: "subnetB", point: "after-create" }, { plans: [doomedPlan], ...FAST, leaseMs: DEAD_LEASE_MS, concurrency: 1 });

    // Support removes the connection while its provisioning is half done and its worker dead.
    const undoId = await startDeprovision(db, plan, { connectionId });
    expect((await loadRunView(db, runId))?.status).toBe("cancelled");
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId] });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    expect(await liveResourcesOfRun(accountId, runId)).toEqual({ vpc: [], subnet: [], "security-group": [], "vpn-gateway": [] });
  });
});
