import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clientVpnProductAdditions, planRuns, planSteps } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { runUntilIdle } from "@/lib/engine/executor";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import { createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { retryClientVpnEnvironmentAction, retryProductAdditionAction } from "@/app/(app)/support/client-vpn/actions";
import { GET as downloadRoute } from "@/app/api/client-vpn/downloads/[token]/route";
import { setDedicatedClientVpn } from "./dedicated";
import { addClientVpnDevice, revokeClientVpnDevice } from "./device-requests";
import { createTenantWithUsers, type TestTenantWithUsers } from "./devices/testing/endpoint-harness";
import { clientVpnEnvironmentOverview, type EnvironmentOverview } from "./environment-overview";
import { addMissingClientVpnProducts } from "./missing-products";
import { clientVpnConnectionPlan, clientVpnEnvironmentPlan, clientVpnProductAdditionPlan } from "./plans";
import { ENDPOINT_OPERATION_SLOTS } from "./endpoint-operations";
import { SHARED_ENVIRONMENT_CAPACITY } from "./placement";
import { createClientVpn } from "./requests";
import { registerSandboxProduct } from "./testing/products";

/**
 * Support → Client VPN: the overview of the provider's environments (counts, endpoint, products,
 * revocation batch, failures) and the two repair actions, on environments the real plans build
 * in the sandbox.
 */
const REGION = "us-east-1";
const FAILING_REGION = "eu-west-1";
const db = getDb();
let globex: TestTenantWithUsers;
let initech: TestTenantWithUsers;
let support: Caller;
let providerAdmin: Caller;
const ledger = { id: "" };

const plans = [clientVpnEnvironmentPlan, clientVpnConnectionPlan, clientVpnProductAdditionPlan];
const runAll = (options: { notFoundRetries?: number } = {}) => runUntilIdle(db, { plans, ...FAST, ...options, timeoutMs: 180_000 });

async function overview(caller: Caller = support): Promise<EnvironmentOverview[]> {
  return clientVpnEnvironmentOverview(db, caller);
}

async function environmentIn(region: string, dedicated: boolean): Promise<EnvironmentOverview> {
  const found = (await overview()).find((environment) => environment.region === region && (environment.dedicatedTenant !== null) === dedicated);
  if (!found) throw new Error(`no ${dedicated ? "dedicated" : "shared"} environment in ${region}`);
  return found;
}

/** Calls a server action or route handler as `caller`, as the browser would. */
async function as<A extends unknown[], R>(caller: Caller, action: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  setTestCaller(caller);
  try {
    return await action(...args);
  } finally {
    setTestCaller(null);
  }
}

/** What a refused retry must leave alone: the audit trail, the runs and their steps. */
async function repairState() {
  const [audits, runs, steps, additions] = await Promise.all([
    db.select().from(auditLog),
    db.select().from(planRuns),
    db.select().from(planSteps),
    db.select().from(clientVpnProductAdditions),
  ]);
  return JSON.stringify({ audits: audits.length, runs: runs.map((run) => [run.id, run.status]).sort(), steps: steps.map((step) => [step.id, step.status, step.attempts]).sort(), additions });
}

const SLOW = { timeout: 400_000 };

beforeAll(async () => {
  ledger.id = await registerSandboxProduct(db, "ledger", REGION);
  globex = await createTenantWithUsers(db, "Globex");
  initech = await createTenantWithUsers(db, "Initech");
  support = await createUser(db, { role: "provider_support" });
  providerAdmin = await createUser(db, { role: "provider_admin" });
  const globexConnection = (await createClientVpn(db, globex.admin, { region: REGION, productRegionIds: [ledger.id] })).id;
  const initechConnection = (await createClientVpn(db, initech.admin, { region: REGION, productRegionIds: [ledger.id] })).id;
  await runAll();
  // Globex adds two devices and revokes one it had downloaded (a revocation batch now waits); Initech adds one.
  const laptop = await addClientVpnDevice(db, globex.admin, { connectionId: globexConnection, name: "Laptop" });
  const token = laptop.downloadUrl.split("/").at(-1) ?? "";
  const download = await as(globex.admin, downloadRoute, new Request(`http://localhost${laptop.downloadUrl}`), { params: Promise.resolve({ token }) });
  expect(download.status).toBe(200);
  await addClientVpnDevice(db, globex.admin, { connectionId: globexConnection, name: "Phone" });
  await addClientVpnDevice(db, initech.admin, { connectionId: initechConnection, name: "Desktop" });
  await revokeClientVpnDevice(db, globex.admin, globexConnection, laptop.deviceId);
}, 400_000);

describe("the Client VPN environments overview", SLOW, () => {
  it("shows a built shared environment's endpoint, capacity, products, tenants and pending revocations", async () => {
    const environment = await environmentIn(REGION, false);
    expect(environment).toMatchObject({
      status: "available",
      dedicatedTenant: null,
      run: { direction: "provision", status: "succeeded", failure: null },
      endpoint: { clientVpnEndpointId: expect.stringMatching(/^cvpn-endpoint-/), dnsName: expect.stringContaining("clientvpn") },
      clientCidr: expect.stringMatching(/\/20$/),
      vpcId: expect.stringMatching(/^vpc-/),
      builtWith: [{ productRegionId: ledger.id, productName: "Acme Ledger" }],
      additions: [],
      tenants: [
        { id: globex.tenant.id, name: "Globex", devices: 1 },
        { id: initech.tenant.id, name: "Initech", devices: 1 },
      ],
    });
    expect(environment.capacity).toEqual({
      tenants: { used: 2, limit: SHARED_ENVIRONMENT_CAPACITY.tenants },
      devices: { used: 2, limit: SHARED_ENVIRONMENT_CAPACITY.devices },
      operationSlots: { used: 0, limit: ENDPOINT_OPERATION_SLOTS },
    });
    expect(environment.revocations?.pendingSince).toBeInstanceOf(Date);
    expect(environment.revocations?.nextImportAt?.getTime()).toBeGreaterThan(environment.revocations?.pendingSince?.getTime() ?? Infinity);
    expect(environment.revocations?.lastImportedAt).toBeNull();
  });

  it("names a dedicated environment's tenant", async () => {
    const umbrella = await createTenantWithUsers(db, "Umbrella");
    await setDedicatedClientVpn(db, providerAdmin, umbrella.tenant.id, true);
    await createClientVpn(db, umbrella.admin, { region: REGION, productRegionIds: [ledger.id] });
    const dedicated = await environmentIn(REGION, true);
    expect(dedicated).toMatchObject({
      status: "provisioning",
      dedicatedTenant: { id: umbrella.tenant.id, name: "Umbrella" },
      tenants: [{ id: umbrella.tenant.id, name: "Umbrella", devices: 0 }],
      endpoint: null,
    });
    // Two environments in the region now, the shared one unchanged.
    expect((await overview()).filter((environment) => environment.region === REGION)).toHaveLength(2);
    expect((await environmentIn(REGION, false)).tenants).toHaveLength(2);
    await runAll();
    expect((await environmentIn(REGION, true)).status).toBe("available");
  });

  it("is for provider staff only", async () => {
    await expect(overview(globex.admin)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("repairing a failed environment run", SLOW, () => {
  it("shows the failed step and AWS's error, retries it to available, audited, and refuses a retry when nothing failed", async () => {
    const cloud = sandboxCloud();
    // No VPC allowed in the region: the environment's VPC step is refused.
    cloud.setQuota(cloud.providerAccountId, FAILING_REGION, "vpcs", 0);
    const analyticsEu = await registerSandboxProduct(db, "analytics", FAILING_REGION);
    await createClientVpn(db, globex.admin, { region: FAILING_REGION, productRegionIds: [analyticsEu] });
    await runAll();
    const failed = await environmentIn(FAILING_REGION, false);
    expect(failed.status).toBe("provisioning");
    expect(failed.run).toMatchObject({
      direction: "provision",
      status: "failed",
      failure: { step: "vpc", code: "VpcLimitExceeded", message: expect.any(String), failedAt: expect.any(Date) },
    });

    // Customers cannot retry the provider's environment; nothing is written.
    const before = await repairState();
    for (const customer of [globex.admin, globex.viewer]) {
      expect(await as(customer, retryClientVpnEnvironmentAction, { environmentId: failed.id })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await repairState()).toBe(before);

    cloud.setQuota(cloud.providerAccountId, FAILING_REGION, "vpcs", 5);
    const retried = await as(support, retryClientVpnEnvironmentAction, { environmentId: failed.id });
    expect(retried).toEqual({ ok: true, data: { runId: failed.run?.id, direction: "provision", step: "vpc" } });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "client_vpn.environment.retry"), eq(auditLog.targetId, failed.id)));
    expect(audits).toEqual([
      expect.objectContaining({ actorUserId: support.userId, actorRole: "provider_support", detail: expect.objectContaining({ step: "vpc", previousError: "VpcLimitExceeded" }) }),
    ]);
    await runAll();
    expect(await environmentIn(FAILING_REGION, false)).toMatchObject({ status: "available", run: { status: "succeeded", failure: null }, vpcId: expect.stringMatching(/^vpc-/) });

    // Nothing failed now: refused with a clear message, nothing written.
    const settled = await repairState();
    expect(await as(support, retryClientVpnEnvironmentAction, { environmentId: failed.id })).toMatchObject({
      ok: false,
      code: "conflict",
      message: expect.stringContaining("Only a failed environment run"),
    });
    expect(await repairState()).toBe(settled);
  });
});

describe("repairing a failed product addition", SLOW, () => {
  it("shows the addition failed with its reason, and a retry makes it available", async () => {
    await registerSandboxProduct(db, "analytics", REGION);
    const cloud = sandboxCloud();
    // The new endpoints stay invisible after their creation, and the engine gives up at once.
    cloud.setFaults({ notFoundAfterCreateMs: 10 * 60_000, actions: ["DescribeVpcEndpoints"] });
    try {
      expect(await addMissingClientVpnProducts(db, clientVpnProductAdditionPlan, { region: REGION })).toEqual({ started: 2, unreachable: 0 });
      await runAll({ notFoundRetries: 0 });
    } finally {
      cloud.clearFaults();
    }
    const shared = await environmentIn(REGION, false);
    const [addition] = shared.additions;
    expect(shared.additions).toEqual([
      expect.objectContaining({ productName: "Acme Analytics", status: "failed", reason: expect.stringContaining("no longer exists") }),
    ]);
    if (!addition) throw new Error("no addition");

    const before = await repairState();
    expect(await as(globex.admin, retryProductAdditionAction, { additionId: addition.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await repairState()).toBe(before);

    expect(await as(support, retryProductAdditionAction, { additionId: addition.id })).toMatchObject({ ok: true, data: { step: "endpoint" } });
    expect((await environmentIn(REGION, false)).additions).toEqual([expect.objectContaining({ id: addition.id, status: "adding", reason: null })]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "client_vpn.environment.product_retry"));
    expect(audits).toEqual([expect.objectContaining({ actorUserId: support.userId, targetId: shared.id })]);
    await runAll();
    expect((await environmentIn(REGION, false)).additions).toEqual([expect.objectContaining({ id: addition.id, productName: "Acme Analytics", status: "available", reason: null })]);
    // The dedicated environment's addition is still failed: each is retried on its own.
    expect((await environmentIn(REGION, true)).additions).toEqual([expect.objectContaining({ status: "failed" })]);

    const settled = await repairState();
    expect(await as(support, retryProductAdditionAction, { additionId: addition.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await repairState()).toBe(settled);
    const runs = await db.select({ status: planRuns.status }).from(planRuns).where(inArray(planRuns.connectionId, [addition.id]));
    expect(runs).toEqual([{ status: "succeeded" }]);
  });
});
