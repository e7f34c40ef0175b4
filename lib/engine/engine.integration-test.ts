import { CreateVpcCommand, DeleteSubnetCommand, DeleteVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { planSteps } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { createSandboxCloud } from "@/lib/sandbox/cloud";
import { runUntilIdle } from "./executor";
import { loadRunView, retryRun, startDeprovision, startProvision } from "./runs";
import { createDemoNetworkPlan } from "./testing/demo-network-plan";
import {
  DEMO_CREATES,
  FAST,
  countByAction,
  createCalls,
  demoInput,
  freshAccountId,
  liveResourcesOfRun,
  sandboxEc2,
  startDemoRun,
} from "./testing/demo-harness";

const plan = createDemoNetworkPlan({ ec2For: sandboxEc2 });

afterEach(() => sandboxCloud().clearFaults());

describe("the provisioning engine", () => {
  it("provisions a plan with one create per resource, every resource tagged, and shows the steps", async () => {
    const db = getDb();
    const { runId, accountId, connectionId } = await startDemoRun(db, plan);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [runId] });

    const view = await loadRunView(db, runId);
    expect(view).toMatchObject({ status: "succeeded", direction: "provision", connectionId, error: null });
    expect(view?.steps.map((s) => s.name)).toEqual(expect.arrayContaining(["vpc", "subnetA", "subnetB", "securityGroup", "vpnGateway", "attachment"]));
    for (const step of view?.steps ?? []) {
      expect(step.status).toBe("succeeded");
      expect(step.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(step.finishedAt).not.toBeNull();
    }
    expect(view?.steps.find((s) => s.name === "vpc")?.resourceIds.vpcId).toMatch(/^vpc-/);

    const creates = createCalls(accountId);
    expect(countByAction(creates)).toEqual(DEMO_CREATES);
    const created = creates.filter((c) => c.action !== "AttachVpnGateway").map((c) => c.resourceId);
    expect(new Set(created).size).toBe(created.length);

    const live = await liveResourcesOfRun(accountId, runId);
    expect(live).toMatchObject({ vpc: [expect.any(String)], subnet: [expect.any(String), expect.any(String)], "security-group": [expect.any(String)] });
    expect(live["vpn-gateway"]).toHaveLength(1);
  });

  it("runs independent steps in parallel", async () => {
    const db = getDb();
    const parallel = new Set(["subnetA", "subnetB", "securityGroup"]);
    const arrived = new Set<string>();
    let release: () => void = () => undefined;
    const allThere = new Promise<void>((resolve) => (release = resolve));
    // Each of the three holds its create until all three have started: run one after another, they never would.
    const barrierPlan = createDemoNetworkPlan({
      ec2For: sandboxEc2,
      async checkpoint({ stepName, point }) {
        if (point !== "before-create" || !parallel.has(stepName)) return;
        arrived.add(stepName);
        if (arrived.size === parallel.size) release();
        await Promise.race([allThere, new Promise((_, reject) => setTimeout(() => reject(new Error("steps ran one after another")), 5_000))]);
      },
    });
    const { runId } = await startDemoRun(db, barrierPlan);
    await runUntilIdle(db, { plans: [barrierPlan], ...FAST, concurrency: 4, runIds: [runId] });
    expect((await loadRunView(db, runId))?.status).toBe("succeeded");
    expect(arrived).toEqual(parallel);
  });

  it("parks steps while AWS is still pending and rechecks them, without holding a worker", async () => {
    const db = getDb();
    // AWS's own latencies at 1/100 scale: the gateway takes 50-200 ms to be available, its attachment 200-600 ms.
    const cloud = createSandboxCloud({ stateFile: null, profile: "realistic", timeScale: 0.01, seed: 7 });
    const clients = new Map<string, EC2Client>();
    const ec2For = (accountId: string, region: string) => {
      const key = `${accountId}:${region}`;
      const client =
        clients.get(key) ??
        new EC2Client({ region, credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler(), maxAttempts: 2 });
      clients.set(key, client);
      return client;
    };
    const slowPlan = createDemoNetworkPlan({ ec2For });
    const runId = await startProvision(db, slowPlan, { connectionId: randomUUID(), tenantId: randomUUID(), input: demoInput(freshAccountId()) });
    // One worker slot: a waiting step that held it would stall everything else.
    await runUntilIdle(db, { plans: [slowPlan], ...FAST, concurrency: 1, backoff: { waitMaxMs: 100 }, runIds: [runId] });

    const steps = await db.select().from(planSteps).where(eq(planSteps.runId, runId));
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);
    const attachment = steps.find((s) => s.name === "attachment");
    expect(attachment?.waits).toBeGreaterThan(0);
    // Checks are short: most of the step's elapsed time was AWS's, not a worker's.
    const elapsed = (attachment?.finishedAt?.getTime() ?? 0) - (attachment?.startedAt?.getTime() ?? 0);
    expect(attachment?.activeMs ?? Infinity).toBeLessThan(elapsed);
    await cloud.close();
  });

  it("fails a run with the step and AWS's error visible, and a retry continues from there", async () => {
    const db = getDb();
    const accountId = freshAccountId();
    const ec2 = sandboxEc2(accountId, "us-east-1");
    // Four VPCs besides the default one: the account is at AWS's quota of five.
    const fillers: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const made = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${100 + i}.0.0/16` }));
      fillers.push(made.Vpc?.VpcId ?? "");
    }
    const { runId } = await startDemoRun(db, plan, accountId);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [runId] });

    const failed = await loadRunView(db, runId);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toEqual({ step: "vpc", code: "VpcLimitExceeded", message: "AWS refused the request (VpcLimitExceeded)." });
    expect(failed?.steps.find((s) => s.name === "vpc")).toMatchObject({ status: "failed", errorCode: "VpcLimitExceeded" });
    // The independent branch went on and finished.
    expect(failed?.steps.find((s) => s.name === "vpnGateway")?.status).toBe("succeeded");
    expect(failed?.steps.find((s) => s.name === "subnetA")?.status).toBe("pending");

    await ec2.send(new DeleteVpcCommand({ VpcId: fillers[0] }));
    expect(await retryRun(db, runId)).toBe(true);
    expect(await retryRun(db, runId)).toBe(false);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [runId] });
    const retried = await loadRunView(db, runId);
    expect(retried?.status).toBe("succeeded");
    expect(retried?.error).toBeNull();
    expect(countByAction(createCalls(accountId))).toEqual({ ...DEMO_CREATES, CreateVpc: 4 + 1 });
  });

  it("refuses a second active run for one connection", async () => {
    const db = getDb();
    const { connectionId, accountId } = await startDemoRun(db, plan);
    await expect(startProvision(db, plan, { connectionId, tenantId: randomUUID(), input: demoInput(accountId) })).rejects.toMatchObject({
      code: "conflict",
    });
    await runUntilIdle(db, { plans: [plan], ...FAST });
  });

  it("deprovisions in reverse, tolerating resources already gone, and leaves nothing of the run", async () => {
    const db = getDb();
    const { runId, accountId, connectionId } = await startDemoRun(db, plan);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [runId] });
    const made = await loadRunView(db, runId);
    // Someone removed a subnet by hand meanwhile.
    const subnetId = made?.steps.find((s) => s.name === "subnetA")?.resourceIds.subnetId ?? "";
    await sandboxEc2(accountId, "us-east-1").send(new DeleteSubnetCommand({ SubnetId: subnetId }));

    const undoId = await startDeprovision(db, plan, { connectionId });
    expect(await startDeprovision(db, plan, { connectionId })).toBe(undoId);
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: [undoId] });

    const undo = await loadRunView(db, undoId);
    expect(undo?.status).toBe("succeeded");
    expect(undo?.steps.map((s) => s.status)).toEqual(Array(6).fill("undone"));
    // The attachment went first, the VPC after everything in it.
    const finished = (name: string) => undo?.steps.find((s) => s.name === name)?.finishedAt?.getTime() ?? 0;
    expect(finished("attachment")).toBeLessThanOrEqual(finished("vpnGateway"));
    expect(Math.max(finished("subnetA"), finished("subnetB"), finished("securityGroup"), finished("attachment"))).toBeLessThanOrEqual(finished("vpc"));
    expect(await liveResourcesOfRun(accountId, runId)).toEqual({ vpc: [], subnet: [], "security-group": [], "vpn-gateway": [] });
  });

  it("completes every plan and its removal with a fifth of calls throttled and a fifth failing", async () => {
    const db = getDb();
    const runs = await Promise.all(Array.from({ length: 5 }, () => startDemoRun(db, plan)));
    sandboxCloud().setFaults({ throttleRate: 0.2, internalErrorRate: 0.2 });
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: runs.map((r) => r.runId), timeoutMs: 30_000 });
    for (const run of runs) {
      expect((await loadRunView(db, run.runId))?.status).toBe("succeeded");
      expect(countByAction(createCalls(run.accountId))).toEqual(DEMO_CREATES);
    }
    const retried = await db.select({ attempts: planSteps.attempts }).from(planSteps);
    expect(retried.some((s) => s.attempts > 1)).toBe(true);

    const undoIds = await Promise.all(runs.map((run) => startDeprovision(db, plan, { connectionId: run.connectionId })));
    await runUntilIdle(db, { plans: [plan], ...FAST, runIds: undoIds, timeoutMs: 30_000 });
    sandboxCloud().clearFaults();
    for (const [i, run] of runs.entries()) {
      expect((await loadRunView(db, undoIds[i] ?? ""))?.status).toBe("succeeded");
      expect(await liveResourcesOfRun(run.accountId, run.runId)).toEqual({ vpc: [], subnet: [], "security-group": [], "vpn-gateway": [] });
    }
  });
});
