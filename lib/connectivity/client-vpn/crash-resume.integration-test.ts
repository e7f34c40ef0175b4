import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import type { StepCheckpoint } from "@/lib/connectivity/landing-network/step-env";
import { registerSandboxProducts } from "@/lib/dal/products";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId, loadRunView } from "@/lib/engine/runs";
import { crashThenResume, WorkerCrash } from "@/lib/engine/testing/worker-crash";
import { removeClientVpnEnvironment, startClientVpnEnvironment } from "./environments";
import { createClientVpnEnvironmentPlan } from "./plan";
import { BUILT, EXPECTED_CREATES, NOTHING, createsSince, liveResourcesOf, testDeps } from "./testing/harness";

/**
 * A worker dies at a step boundary of the Client VPN environment's plan: right after an AWS create
 * whose result it never recorded (ACM import, the connection log group, the endpoint, an
 * association, an authorization rule), or as a step starts. A new worker takes over once the lease runs out; the environment
 * must end with exactly one of everything, and its removal leave nothing.
 */
const crash = new WorkerCrash<StepCheckpoint>();
const doomedPlan = createClientVpnEnvironmentPlan(testDeps(crash.checkpoint));
const plan = createClientVpnEnvironmentPlan(testDeps());

const BOUNDARIES: ReadonlyArray<{ stepName: string; point: StepCheckpoint }> = [
  { stepName: "certificates", point: "after-create" },
  { stepName: "connectionLog", point: "after-create" },
  { stepName: "vpc", point: "after-create" },
  { stepName: "endpoint", point: "after-create" },
  { stepName: "associations", point: "after-create" },
  { stepName: "authorization", point: "after-create" },
  { stepName: "activate", point: "start" },
];
/**
 * Long enough that the doomed worker keeps its leases while a step generates RSA keys on a loaded
 * machine (a lapsed lease would let its own poll loop start the step a second time beside the
 * first), short enough that the successor soon takes over.
 */
const DEAD_LEASE_MS = 4_000;

beforeAll(async () => {
  await registerSandboxProducts(getDb());
});

describe("Client VPN environment crash and resume", () => {
  it.each(BOUNDARIES)("resumes after a crash at $point of step $stepName, creating nothing twice", async ({ stepName, point }) => {
    const db = getDb();
    const since = sandboxCloud().calls().length;
    const environmentId = await startClientVpnEnvironment(db, plan, "us-east-1", { dedicatedTenantId: null });
    const runId = (await latestRunId(db, environmentId)) ?? "";
    await crashThenResume(db, crash, { runId, stepName, point }, { doomed: [doomedPlan], successor: [plan], ...FAST, leaseMs: DEAD_LEASE_MS, timeoutMs: 90_000 });
    expect(createsSince(since)).toEqual(EXPECTED_CREATES);
    expect(await liveResourcesOf(environmentId)).toEqual(BUILT);

    const undoId = await removeClientVpnEnvironment(db, plan, environmentId);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId], timeoutMs: 90_000 });
    expect((await loadRunView(db, undoId))?.status).toBe("succeeded");
    expect(await liveResourcesOf(environmentId)).toEqual(NOTHING);
  });
});
