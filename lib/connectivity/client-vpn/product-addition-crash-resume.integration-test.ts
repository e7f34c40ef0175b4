import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clientVpnProductAdditions } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import type { StepCheckpoint } from "@/lib/connectivity/landing-network/step-env";
import { liveEndpoints } from "@/lib/connectivity/landing-network/interface-endpoints";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId, loadRunView, startDeprovision } from "@/lib/engine/runs";
import { crashThenResume, WorkerCrash } from "@/lib/engine/testing/worker-crash";
import { removeClientVpnEnvironment, startClientVpnEnvironment } from "./environments";
import { addMissingClientVpnProducts } from "./missing-products";
import { createClientVpnEnvironmentPlan } from "./plan";
import { createProductAdditionPlan } from "./product-addition-plan";
import { NOTHING, createsSince, liveResourcesOf, testDeps, testEc2 } from "./testing/harness";
import { registerSandboxProduct } from "./testing/products";

/**
 * A worker dies at a step boundary of the plan that adds a product to a built environment: as the
 * endpoint step starts, right after CreateVpcEndpoint returned (its id never recorded), or as the
 * activate step starts. A new worker takes over once the lease runs out: one endpoint, never two;
 * the addition's undo then deletes it. Between cases the addition's row is deleted, so the next
 * pass finds the product missing again. Last, the environment is removed while an addition waits
 * to run.
 */
const crash = new WorkerCrash<StepCheckpoint>();
const doomedPlan = createProductAdditionPlan(testDeps(crash.checkpoint));
const plan = createProductAdditionPlan(testDeps());

const BOUNDARIES: ReadonlyArray<{ stepName: string; point: StepCheckpoint }> = [
  { stepName: "endpoint", point: "start" },
  { stepName: "endpoint", point: "after-create" },
  { stepName: "activate", point: "start" },
];
const DEAD_LEASE_MS = 4_000;
const REGION = "us-east-1";
const environmentPlan = createClientVpnEnvironmentPlan(testDeps());
let environmentId: string;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProduct(db, "ledger", REGION);
  environmentId = await startClientVpnEnvironment(db, environmentPlan, REGION, { dedicatedTenantId: null });
  await runUntilIdle(db, { plans: [environmentPlan], ...FAST, runIds: [(await latestRunId(db, environmentId)) ?? ""], timeoutMs: 90_000 });
  await registerSandboxProduct(db, "analytics", REGION);
}, 120_000);

describe("adding a product to a Client VPN environment: crash and resume", () => {
  it.each(BOUNDARIES)("resumes after a crash at $point of step $stepName, creating one endpoint", async ({ stepName, point }) => {
    const db = getDb();
    const since = sandboxCloud().calls().length;
    expect(await addMissingClientVpnProducts(db, plan)).toEqual({ started: 1, unreachable: 0 });
    const [addition] = await db.select().from(clientVpnProductAdditions);
    const additionId = addition?.id ?? "";
    const runId = (await latestRunId(db, additionId)) ?? "";
    await crashThenResume(db, crash, { runId, stepName, point }, { doomed: [doomedPlan], successor: [plan], ...FAST, leaseMs: DEAD_LEASE_MS, timeoutMs: 90_000 });
    expect(createsSince(since)).toEqual({ CreateVpcEndpoint: 1 });
    const tags = { "onramp:connection": additionId };
    expect(await liveEndpoints(testEc2(), tags)).toHaveLength(1);
    expect((await db.select().from(clientVpnProductAdditions))[0]?.status).toBe("available");

    // The addition's own undo deletes its endpoint and waits until it is gone.
    const undoId = await startDeprovision(db, plan, { connectionId: additionId });
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId], timeoutMs: 90_000 });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    expect(await liveEndpoints(testEc2(), tags)).toEqual([]);
    expect((await db.select().from(clientVpnProductAdditions))[0]?.status).toBe("removed");
    // Forget the addition, so the next case's pass adds the product afresh.
    await db.delete(clientVpnProductAdditions).where(eq(clientVpnProductAdditions.id, additionId));
  });

  it("lets the environment's removal wait for an addition under way, which then gives up, and leaves nothing", async () => {
    const db = getDb();
    const since = sandboxCloud().calls().length;
    expect(await addMissingClientVpnProducts(db, plan)).toEqual({ started: 1, unreachable: 0 });
    const undoId = await removeClientVpnEnvironment(db, environmentPlan, environmentId);
    await runUntilIdle(db, { plans: [environmentPlan, plan], ...FAST, timeoutMs: 90_000 });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    const [addition] = await db.select().from(clientVpnProductAdditions);
    const additionRun = await loadRunView(db, (await latestRunId(db, addition?.id ?? "")) ?? "");
    expect(additionRun).toMatchObject({ status: "failed", error: { code: "IncorrectState" } });
    expect(addition?.status).toBe("removed");
    expect(createsSince(since)).toEqual({});
    expect(await liveResourcesOf(environmentId)).toEqual(NOTHING);
  });
});
