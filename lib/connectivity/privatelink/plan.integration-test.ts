import { randomInt } from "node:crypto";
import { DescribeVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "@/app/(app)/connections/new/actions";
import { removeConnection, retryConnection } from "@/app/(app)/connections/[id]/actions";
import { getDb } from "@/db/client";
import { auditLog, connectionEvents, planSteps } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { createInterfaceEndpoint } from "@/lib/aws/customer-endpoints";
import { isPrincipalAllowed } from "@/lib/aws/endpoint-services";
import { AwsResponseError } from "@/lib/aws/errors";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { findConnection } from "@/lib/dal/connections";
import { listProducts, registerSandboxProducts, type ProductRegionView } from "@/lib/dal/products";
import { startEngineWorker } from "@/lib/engine/executor";
import { retire } from "@/lib/engine/heartbeats";
import { latestRunId, loadRunView } from "@/lib/engine/runs";
import { FAST } from "@/lib/engine/testing/demo-harness";
import { WorkerCrash } from "@/lib/engine/testing/worker-crash";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import type { AccessCheckpoint } from "./account-access";
import { createPrivateLinkPlan, privateLinkPlan } from "./plan";
import { reconcileProductRegion } from "./reconciler";
import { runPrivateLinkPlans } from "./testing/engine";

/**
 * PrivateLink's allow-listing and removal as the provisioning engine runs them: AWS's throttling is
 * retried by the engine, a hard failure shows on the connection until support retries, and a worker
 * that dies anywhere in the step leaves nothing done twice.
 */
const REGION = "us-east-1";
let admin: Caller;
let support: Caller;
let service: ProductRegionView;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  const found = (await listProducts(db)).find((p) => p.slug === "ledger")?.regions.find((r) => r.region === REGION);
  if (!found) throw new Error("ledger not registered");
  service = found;
  const tenant = await createTenant(db, "Vandelay");
  admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
  support = await createUser(db, { role: "provider_support" });
});

afterEach(() => sandboxCloud().clearFaults());

function freshAccount(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

async function create(account: string): Promise<string> {
  setTestCaller(admin);
  const created = await createConnection({ awsAccountId: account, productRegionId: service.id });
  if (!created.ok) throw new Error(created.message);
  return created.data.id;
}

async function remove(connectionId: string): Promise<void> {
  setTestCaller(admin);
  const removed = await removeConnection({ connectionId });
  if (!removed.ok) throw new Error(removed.message);
}

async function statusOf(connectionId: string) {
  return (await findConnection(getDb(), admin, connectionId)).status;
}

async function eventKinds(connectionId: string): Promise<string[]> {
  const rows = await getDb()
    .select({ kind: connectionEvents.kind })
    .from(connectionEvents)
    .where(eq(connectionEvents.connectionId, connectionId))
    .orderBy(asc(connectionEvents.id));
  return rows.map((r) => r.kind);
}

async function endpointState(vpcEndpointId: string): Promise<string | undefined> {
  const out = await providerEc2(REGION).send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [service.serviceId] }] }));
  return out.VpcEndpointConnections?.find((c) => c.VpcEndpointId === vpcEndpointId)?.VpcEndpointState;
}

/** The customer creates their endpoint and the reconciler accepts it. */
async function connectEndpoint(account: string, connectionId: string): Promise<string> {
  const endpoint = await createInterfaceEndpoint(account, REGION, {
    serviceName: service.serviceName,
    zoneIds: service.zoneIds,
    privateDnsEnabled: false,
    clientToken: `plan-test-${connectionId}`,
  });
  await reconcileProductRegion(getDb(), service.id);
  await reconcileProductRegion(getDb(), service.id);
  expect(await statusOf(connectionId)).toBe("available");
  return endpoint.vpcEndpointId;
}

/** Successful calls of an action since a point of the sandbox's call log. */
function succeeded(action: string, since: number): number {
  return sandboxCloud()
    .calls()
    .slice(since)
    .filter((c) => c.action === action && c.status === 200).length;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("PrivateLink on the provisioning engine", () => {
  it("retries AWS throttling of the allow-listing with backoff, and the connection never shows it", async () => {
    const db = getDb();
    const account = freshAccount();
    sandboxCloud().setFaults({ throttleRate: 1, actions: ["ModifyVpcEndpointServicePermissions"] });
    const since = sandboxCloud().calls().length;
    const id = await create(account);
    const runId = await latestRunId(db, id);
    const stepOf = async () => (await db.select().from(planSteps).where(and(eq(planSteps.runId, runId ?? ""), eq(planSteps.name, "allowlist"))))[0];

    const worker = startEngineWorker({ db, plans: [privateLinkPlan], ...FAST, workerId: "throttled" });
    try {
      await eventually(async () => ((await stepOf())?.retries ?? 0) >= 3, "three retries of the allow-listing");
      expect((await stepOf())?.errorCode).toBe("RequestLimitExceeded");
      const connection = await findConnection(db, admin, id);
      expect(connection.status).toBe("allowlisting");
      expect(connection.errorMessage).toBeNull();
    } finally {
      sandboxCloud().clearFaults();
      await worker.stop();
    }
    await runPrivateLinkPlans();

    expect(await statusOf(id)).toBe("awaiting_endpoint");
    expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(true);
    const step = await stepOf();
    expect(step?.status).toBe("succeeded");
    expect(step?.attempts).toBeGreaterThanOrEqual(4);
    const throttled = sandboxCloud()
      .calls()
      .slice(since)
      .filter((c) => c.action === "ModifyVpcEndpointServicePermissions" && c.errorCode === "RequestLimitExceeded");
    expect(throttled.length).toBeGreaterThanOrEqual(3);
    expect(succeeded("ModifyVpcEndpointServicePermissions", since)).toBe(1);
    expect(await eventKinds(id)).toEqual(["requested", "allowlisted"]);
  });

  it("shows a hard failure on the connection, and support's retry continues the run", async () => {
    const db = getDb();
    const account = freshAccount();
    let refusals = 1;
    const refusing = createPrivateLinkPlan({
      db: getDb,
      async checkpoint({ point }) {
        if (point !== "start" || refusals === 0) return;
        refusals -= 1;
        throw new AwsResponseError("UnauthorizedOperation", "You are not authorized to perform this operation.");
      },
    });
    const id = await create(account);
    await runPrivateLinkPlans(refusing);
    const failed = await findConnection(db, admin, id);
    expect(failed.status).toBe("failed");
    expect(failed.errorCode).toBe("UnauthorizedOperation");
    expect(failed.errorMessage).toMatch(/IAM policy/);
    const runId = await latestRunId(db, id);
    expect((await loadRunView(db, runId ?? ""))?.error).toMatchObject({ step: "allowlist", code: "UnauthorizedOperation" });

    setTestCaller(admin);
    expect((await retryConnection({ connectionId: id })).ok).toBe(false);
    setTestCaller(support);
    expect((await retryConnection({ connectionId: id })).ok).toBe(true);
    expect(await statusOf(id)).toBe("allowlisting");
    expect(await latestRunId(db, id)).toBe(runId);
    await runPrivateLinkPlans(refusing);
    expect(await statusOf(id)).toBe("awaiting_endpoint");
    expect(await eventKinds(id)).toEqual(["requested", "failed", "retry", "allowlisted"]);
    const audits = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((a) => a.action);
    expect(audits).toEqual(expect.arrayContaining(["connection.create", "connection.fail", "connection.retry", "connection.allowlist"]));
  });

  it("shows a failed removal on the connection, and support's retry finishes it", async () => {
    const account = freshAccount();
    let refusals = 1;
    const refusing = createPrivateLinkPlan({
      db: getDb,
      async checkpoint({ point }) {
        if (point !== "before-revoke" || refusals === 0) return;
        refusals -= 1;
        throw new AwsResponseError("UnauthorizedOperation", "You are not authorized to perform this operation.");
      },
    });
    const id = await create(account);
    await runPrivateLinkPlans(refusing);
    await remove(id);
    await runPrivateLinkPlans(refusing);
    expect(await statusOf(id)).toBe("failed");
    expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(true);

    setTestCaller(support);
    expect((await retryConnection({ connectionId: id })).ok).toBe(true);
    expect(await statusOf(id)).toBe("removing");
    await runPrivateLinkPlans(refusing);
    expect(await statusOf(id)).toBe("removed");
    expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(false);
    expect(await eventKinds(id)).toEqual(["requested", "allowlisted", "removing", "failed", "retry", "removed"]);
  });

  it("removes a connection at once when the engine had not started on it", async () => {
    const account = freshAccount();
    const since = sandboxCloud().calls().length;
    const id = await create(account);
    await remove(id);
    expect(await statusOf(id)).toBe("removed");
    await runPrivateLinkPlans();
    expect(succeeded("ModifyVpcEndpointServicePermissions", since)).toBe(0);
    expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(false);
  });
});

/** A worker dies at a checkpoint of the step (provisioning or removal); another takes over after its lease. */
const crash = new WorkerCrash<AccessCheckpoint>();
const doomedPlan = createPrivateLinkPlan({ db: getDb, checkpoint: crash.checkpoint });
const DEAD_LEASE_MS = 300;

async function crashAndResume(connectionId: string, point: AccessCheckpoint): Promise<void> {
  const db = getDb();
  const runId = await latestRunId(db, connectionId);
  if (!runId) throw new Error("no run");
  const doomed = await crash.crashAt(db, { runId, point }, { plans: [doomedPlan], ...FAST, leaseMs: DEAD_LEASE_MS });
  const [held] = await db.select().from(planSteps).where(eq(planSteps.runId, runId));
  expect(held).toMatchObject({ status: "running", leaseOwner: doomed });
  await runPrivateLinkPlans(undefined, { runIds: [runId], workerId: "successor" });
  const view = await loadRunView(db, runId);
  expect(view?.status).toBe("succeeded");
  expect(view?.steps[0]?.attempts).toBeGreaterThanOrEqual(2);
  // A dead worker keeps its share of the rate limits for LIVE_WINDOW_MS; the next case need not wait that out.
  await retire(db, doomed);
}

describe("PrivateLink crash and resume", () => {
  it.each(["start", "after-allow"] as const)("allow-lists once after a crash at %s of the allow-listing", async (point) => {
    const account = freshAccount();
    const since = sandboxCloud().calls().length;
    const id = await create(account);
    await crashAndResume(id, point);
    expect(await statusOf(id)).toBe("awaiting_endpoint");
    expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(true);
    expect(succeeded("ModifyVpcEndpointServicePermissions", since)).toBe(1);
    expect((await eventKinds(id)).filter((k) => k === "allowlisted")).toHaveLength(1);
  });

  it.each(["start", "before-reject", "before-revoke", "after-revoke"] as const)(
    "rejects and revokes once after a crash at %s of the removal",
    async (point) => {
      const account = freshAccount();
      const id = await create(account);
      await runPrivateLinkPlans();
      const endpointId = await connectEndpoint(account, id);
      const since = sandboxCloud().calls().length;
      await remove(id);
      await crashAndResume(id, point);
      expect(await statusOf(id)).toBe("removed");
      expect(await isPrincipalAllowed(REGION, service.serviceId, account)).toBe(false);
      expect(await endpointState(endpointId)).toBe("rejected");
      expect(succeeded("RejectVpcEndpointConnections", since)).toBe(1);
      expect(succeeded("ModifyVpcEndpointServicePermissions", since)).toBe(1);
      expect((await eventKinds(id)).filter((k) => k === "removed")).toHaveLength(1);
    },
  );
});
