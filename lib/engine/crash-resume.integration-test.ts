import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { planSteps } from "@/db/schema";
import { runUntilIdle, startEngineWorker } from "./executor";
import { loadRunView, startDeprovision } from "./runs";
import { createDemoNetworkPlan, type DemoCheckpoint } from "./testing/demo-network-plan";
import { DEMO_CREATES, FAST, countByAction, createCalls, liveResourcesOfRun, sandboxEc2, startDemoRun } from "./testing/demo-harness";

/**
 * A worker is killed at every step boundary of the plan (right before and right after each AWS
 * create, with the step claimed and its lease held); a new worker takes over once the lease runs
 * out. The plan must finish with exactly one of each resource, and its removal leave nothing.
 */
interface CrashPoint {
  runId: string;
  stepName: string;
  point: DemoCheckpoint;
  reached: () => void;
}

let crash: CrashPoint | null = null;
/**
 * The run whose worker has died. Under load the dead worker's lease can lapse before the test
 * stops it, and its own poll loop would claim the step again: a dead process does nothing more.
 */
let deadRunId: string | null = null;

const plan = createDemoNetworkPlan({
  ec2For: sandboxEc2,
  async checkpoint(at) {
    if (deadRunId === at.runId) await new Promise<never>(() => undefined);
    const target = crash;
    if (!target || target.runId !== at.runId || target.stepName !== at.stepName || target.point !== at.point) return;
    crash = null;
    deadRunId = target.runId;
    target.reached();
    // The process is gone: this step never continues.
    await new Promise<never>(() => undefined);
  },
});

const boundaries = plan.order.flatMap((stepName) => (["before-create", "after-create"] as const).map((point) => ({ stepName, point })));
const DEAD_LEASE_MS = 300;

describe("crash and resume", () => {
  it.each(boundaries)("resumes after a crash $point in step $stepName, creating nothing twice", async ({ stepName, point }) => {
    const db = getDb();
    const { runId, accountId, connectionId } = await startDemoRun(db, plan);
    const reached = new Promise<void>((resolve) => {
      crash = { runId, stepName, point, reached: resolve };
    });
    const doomed = startEngineWorker({ db, plans: [plan], ...FAST, workerId: `doomed-${stepName}-${point}`, leaseMs: DEAD_LEASE_MS, concurrency: 4 });
    await reached;
    await doomed.stop({ graceMs: 0 });
    deadRunId = null;

    const [held] = await db.select().from(planSteps).where(and(eq(planSteps.runId, runId), eq(planSteps.name, stepName)));
    expect(held).toMatchObject({ status: "running", leaseOwner: doomed.workerId });

    await runUntilIdle(db, { plans: [plan], ...FAST, workerId: "successor", runIds: [runId] });
    const view = await loadRunView(db, runId);
    expect(view?.status).toBe("succeeded");
    expect(view?.steps.find((s) => s.name === stepName)?.attempts).toBeGreaterThanOrEqual(2);
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
    const reached = new Promise<void>((resolve) => {
      crash = { runId, stepName: "subnetB", point: "after-create", reached: resolve };
    });
    const doomed = startEngineWorker({ db, plans: [plan], ...FAST, workerId: "doomed-mid-run", leaseMs: DEAD_LEASE_MS, concurrency: 1 });
    await reached;
    await doomed.stop({ graceMs: 0 });
    deadRunId = null;

    // Support removes the connection while its provisioning is half done and its worker dead.
    const undoId = await startDeprovision(db, plan, { connectionId });
    expect((await loadRunView(db, runId))?.status).toBe("cancelled");
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId] });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    expect(await liveResourcesOfRun(accountId, runId)).toEqual({ vpc: [], subnet: [], "security-group": [], "vpn-gateway": [] });
  });
});
