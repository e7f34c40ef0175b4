import { inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { database, getDb, openDatabase, type Db } from "@/db/client";
import { planSteps, workerHeartbeats } from "@/db/schema";
import { env } from "@/lib/env";
import { runUntilIdle } from "./executor";
import { liveWorkerCount } from "./heartbeats";
import { loadRunView } from "./runs";
import { createDemoNetworkPlan } from "./testing/demo-network-plan";
import { DEMO_CREATES, FAST, countByAction, createCalls, sandboxEc2, startDemoRun } from "./testing/demo-harness";

/**
 * Three workers share one database, as three Onramp processes would. On PostgreSQL each has a
 * connection pool of its own, so claims really race; on PGlite they share its one connection.
 */
const RUNS = 20;
const running = new Set<string>();
const overlaps: string[] = [];

const plan = createDemoNetworkPlan({
  ec2For: sandboxEc2,
  async checkpoint({ runId, stepName, point }) {
    const key = `${runId}:${stepName}`;
    if (point === "before-create") {
      if (running.has(key)) overlaps.push(key);
      running.add(key);
      // Long enough for another worker to try the same step, were it claimable.
      await new Promise((resolve) => setTimeout(resolve, 5));
    } else {
      running.delete(key);
    }
  },
});

const extraHandles: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(extraHandles.map((handle) => handle.close()));
});

function workerDatabases(): Db[] {
  if (database().driver !== "postgres" || !env.DATABASE_URL) return [getDb(), getDb(), getDb()];
  const url = env.DATABASE_URL;
  const handles = [openDatabase({ url }), openDatabase({ url })];
  extraHandles.push(...handles);
  return [getDb(), ...handles.map((handle) => handle.db)];
}

describe("several workers on one database", () => {
  it("share the runs, never run one step twice at once, and create every resource once", async () => {
    const db = getDb();
    const runs = await Promise.all(Array.from({ length: RUNS }, () => startDemoRun(db, plan)));
    const runIds = runs.map((run) => run.runId);

    const results = await Promise.all(
      workerDatabases().map((workerDb, i) =>
        runUntilIdle(workerDb, { plans: [plan], ...FAST, workerId: `worker-${i}`, concurrency: 4, runIds, timeoutMs: 60_000 }),
      ),
    );

    expect(overlaps).toEqual([]);
    for (const run of runs) {
      expect((await loadRunView(db, run.runId))?.status).toBe("succeeded");
      expect(countByAction(createCalls(run.accountId))).toEqual(DEMO_CREATES);
    }
    // Each step was claimed once; the attachment twice, as it waits for attaching -> attached.
    const steps = await db.select({ name: planSteps.name, attempts: planSteps.attempts }).from(planSteps).where(inArray(planSteps.runId, runIds));
    expect(steps).toHaveLength(RUNS * plan.order.length);
    for (const step of steps) expect(step.attempts).toBe(step.name === "attachment" ? 2 : 1);
    const executed = results.map((r) => r.stepsExecuted);
    expect(executed.reduce((a, b) => a + b, 0)).toBe(RUNS * (plan.order.length + 1));
    expect(executed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // Workers that stopped cleanly handed back their share of the rate limits.
    expect(await db.select().from(workerHeartbeats)).toEqual([]);
    expect(await liveWorkerCount(db)).toBe(1);
  });
});
