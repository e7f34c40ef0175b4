import { CreateVpcCommand, DeleteVpcCommand, DescribeClientVpnConnectionsCommand, DescribeClientVpnEndpointsCommand } from "@aws-sdk/client-ec2";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clientVpnDevices, clientVpnEnvironments, productRegions, products } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode } from "@/lib/aws/errors";
import { registerSandboxProducts } from "@/lib/dal/products";
import { runUntilIdle } from "@/lib/engine/executor";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import { createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { GET as downloadRoute } from "@/app/api/client-vpn/downloads/[token]/route";
import { GET as statusRoute } from "@/app/api/connections/[id]/client-vpn/route";
import { addClientVpnDevice, disconnectClientVpnSession, reissueClientVpnDevice, revokeClientVpnDevice, simulateClientVpnDevice } from "./device-requests";
import { createTenantWithUsers, type TestTenantWithUsers } from "./devices/testing/endpoint-harness";
import { runClientVpnMaintenance } from "./maintenance";
import { clientVpnConnectionPlan, clientVpnEnvironmentPlan } from "./plans";
import { createClientVpn, removeClientVpn, retryClientVpn } from "./requests";
import { clientVpnStatusView } from "./status-view";
import type { ClientVpnStatusView } from "./status-view-types";

const REGION = "us-east-1";
const db = getDb();
let globex: TestTenantWithUsers;
let initech: TestTenantWithUsers;
const product = { analytics: "", ledger: "", analyticsEu: "" };

async function productRegionId(slug: string, region: string): Promise<string> {
  const [row] = await db
    .select({ id: productRegions.id })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(and(eq(products.slug, slug), eq(productRegions.region, region)));
  if (!row) throw new Error(`the sandbox has no ${slug} in ${region}`);
  return row.id;
}

beforeAll(async () => {
  await registerSandboxProducts(db);
  globex = await createTenantWithUsers(db, "Globex");
  initech = await createTenantWithUsers(db, "Initech");
  product.analytics = await productRegionId("analytics", REGION);
  product.ledger = await productRegionId("ledger", REGION);
  product.analyticsEu = await productRegionId("analytics", "eu-west-1");
});

/** Every active run to its end, the environment's included: generous, as the machine may be busy. */
async function runAll(): Promise<void> {
  await runUntilIdle(db, { plans: [clientVpnEnvironmentPlan, clientVpnConnectionPlan], ...FAST, timeoutMs: 180_000 });
}

const view = (caller: Caller, id: string) => clientVpnStatusView(db, caller, id);

async function download(caller: Caller, url: string): Promise<Response> {
  setTestCaller(caller);
  const token = url.split("/").at(-1) ?? "";
  try {
    return await downloadRoute(new Request(`http://localhost${url}`), { params: Promise.resolve({ token }) });
  } finally {
    setTestCaller(null);
  }
}

async function sessionCodes(endpointId: string): Promise<Map<string, string>> {
  const { Connections = [] } = await providerEc2(REGION).send(new DescribeClientVpnConnectionsCommand({ ClientVpnEndpointId: endpointId }));
  return new Map(Connections.map((connection) => [connection.ConnectionId ?? "", connection.Status?.Code ?? ""]));
}

// Each test may wait for whole plan runs: generous, for a loaded machine.
const SLOW = { timeout: 400_000 };

describe("a tenant's Client VPN connection", SLOW, () => {
  it("refuses a request the catalog cannot serve, field by field", async () => {
    await expect(createClientVpn(db, globex.admin, { region: "ap-south-2", productRegionIds: [product.analytics] })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { region: [expect.stringContaining("no products")] },
    });
    await expect(createClientVpn(db, globex.admin, { region: REGION, productRegionIds: [product.analyticsEu] })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { productRegionIds: [expect.any(String)] },
    });
  });

  let globexConnection: string;
  let initechConnection: string;
  let endpointId: string;
  let globexView: ClientVpnStatusView;

  it("builds the region's shared environment for the first tenant and shares it with the second", async () => {
    globexConnection = (await createClientVpn(db, globex.admin, { region: REGION, productRegionIds: [product.analytics, product.ledger], label: "Office" })).id;
    // One live Client VPN connection per tenant and region.
    await expect(createClientVpn(db, globex.admin, { region: REGION, productRegionIds: [product.ledger] })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { region: [expect.any(String)] },
    });
    expect((await view(globex.admin, globexConnection)).status).toBe("provisioning");
    await runAll();

    globexView = await view(globex.admin, globexConnection);
    expect(globexView).toMatchObject({ status: "available", label: "Office", region: REGION, error: null });
    expect(globexView.endpoint?.clientVpnEndpointId).toMatch(/^cvpn-endpoint-/);
    endpointId = globexView.endpoint?.clientVpnEndpointId ?? "";
    // The environment's steps, then the connection's own.
    expect(globexView.steps.map((step) => step.name)).toEqual(expect.arrayContaining(["addresses", "endpoint", "associations", "environment", "activate"]));
    expect(globexView.steps.every((step) => step.status === "succeeded")).toBe(true);
    const analytics = globexView.products.find((entry) => entry.productName.includes("Analytics"));
    expect(analytics?.privateDnsName).toBe("analytics.acme-saas.example");
    expect(analytics?.endpointDnsNames).toContain("analytics.acme-saas.example");
    expect(analytics?.ports).toEqual([443]);

    initechConnection = (await createClientVpn(db, initech.admin, { region: REGION, productRegionIds: [product.ledger] })).id;
    await runAll();
    const initechView = await view(initech.admin, initechConnection);
    expect(initechView.status).toBe("available");
    expect(initechView.endpoint?.clientVpnEndpointId).toBe(endpointId);
    const environments = await db.select().from(clientVpnEnvironments).where(ne(clientVpnEnvironments.status, "removed"));
    expect(environments).toHaveLength(1);
    const { ClientVpnEndpoints = [] } = await providerEc2(REGION).send(new DescribeClientVpnEndpointsCommand({}));
    expect(ClientVpnEndpoints.filter((endpoint) => endpoint.Status?.Code !== "deleted")).toHaveLength(1);

    // Neither tenant reads the other's connection.
    await expect(view(initech.admin, globexConnection)).rejects.toMatchObject({ code: "not_found" });
    setTestCaller(initech.viewer);
    const response = await statusRoute(new Request(`http://localhost/api/connections/${globexConnection}/client-vpn`), { params: Promise.resolve({ id: globexConnection }) });
    setTestCaller(null);
    expect(response.status).toBe(404);
  });

  let laptop: { deviceId: string; downloadUrl: string };
  let initechPhone: { deviceId: string; downloadUrl: string };

  it("delivers a device's configuration once, to its own tenant only", async () => {
    laptop = await addClientVpnDevice(db, globex.admin, { connectionId: globexConnection, name: "Reception laptop", expiresOn: undefined });
    expect(laptop.downloadUrl).toMatch(/^\/api\/client-vpn\/downloads\/[A-Za-z0-9_-]{43}$/);
    await expect(addClientVpnDevice(db, globex.admin, { connectionId: globexConnection, name: "Old", expiresOn: "2020-01-01" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { expiresOn: [expect.any(String)] },
    });

    // Another tenant's member holding the link gets nothing, and does not spend it.
    expect((await download(initech.admin, laptop.downloadUrl)).status).toBe(404);
    const first = await download(globex.viewer, laptop.downloadUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Disposition")).toBe('attachment; filename="reception-laptop.ovpn"');
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const ovpn = await first.text();
    expect(ovpn).toContain(`remote ${globexView.endpoint?.dnsName}`);
    expect(ovpn).toContain("<key>");
    const second = await download(globex.viewer, laptop.downloadUrl);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("already been used");
    expect((await download(globex.admin, "/api/client-vpn/downloads/not-a-token")).status).toBe(404);

    initechPhone = await addClientVpnDevice(db, initech.admin, { connectionId: initechConnection, name: "Phone" });
    expect((await download(initech.admin, initechPhone.downloadUrl)).status).toBe(200);
    // A device of the other tenant is "not found" through one's own connection.
    await expect(reissueClientVpnDevice(db, globex.admin, globexConnection, initechPhone.deviceId)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeClientVpnDevice(db, globex.admin, initechConnection, initechPhone.deviceId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows each tenant only its own devices and sessions on the shared endpoint", async () => {
    await simulateClientVpnDevice(db, globex.admin, globexConnection, laptop.deviceId, "connect");
    await simulateClientVpnDevice(db, initech.admin, initechConnection, initechPhone.deviceId, "connect");
    const mine = await view(globex.admin, globexConnection);
    const theirs = await view(initech.admin, initechConnection);
    expect(mine.devices.map((device) => device.name)).toEqual(["Reception laptop"]);
    expect(mine.sessions.map((session) => session.deviceName)).toEqual(["Reception laptop"]);
    expect(mine.sessions[0]?.clientIp).toMatch(/^10\.144\./);
    expect(theirs.devices.map((device) => device.name)).toEqual(["Phone"]);
    expect(theirs.sessions.map((session) => session.deviceId)).toEqual([initechPhone.deviceId]);
    // Where each device connects from, from the endpoint's connection log; each tenant's attempts are its own.
    expect(mine.sessions[0]?.deviceIp).toMatch(/^203\.0\.113\.\d+$/);
    expect(mine.connectionLog.enabled).toBe(true);
    expect(mine.connectionLog.attempts.map((attempt) => [attempt.deviceName, attempt.result, attempt.deviceIp])).toEqual([
      ["Reception laptop", "connected", mine.sessions[0]?.deviceIp],
    ]);
    expect(theirs.connectionLog.attempts.map((attempt) => attempt.deviceId)).toEqual([initechPhone.deviceId]);

    // Disconnecting the other tenant's session is "not found"; one's own works.
    const theirSession = theirs.sessions[0]?.sessionId ?? "";
    await expect(disconnectClientVpnSession(db, globex.admin, globexConnection, theirSession)).rejects.toMatchObject({ code: "not_found" });
    await disconnectClientVpnSession(db, globex.admin, globexConnection, mine.sessions[0]?.sessionId ?? "");
    expect((await sessionCodes(endpointId)).get(theirSession)).toBe("active");
    expect((await view(globex.admin, globexConnection)).sessions).toEqual([]);
  });

  it("ends a revoked device's session with the batched import, after which it cannot connect", async () => {
    await simulateClientVpnDevice(db, globex.admin, globexConnection, laptop.deviceId, "connect");
    const [session] = (await view(globex.admin, globexConnection)).sessions;
    const { nextImportAt } = await revokeClientVpnDevice(db, globex.admin, globexConnection, laptop.deviceId);
    expect(nextImportAt).not.toBeNull();
    const pending = await view(globex.admin, globexConnection);
    expect(pending.revocation.nextImportAt).toBe(nextImportAt);
    expect(pending.devices[0]?.status).toBe("revoked");

    const pass = await runClientVpnMaintenance(db, { now: new Date(Date.parse(nextImportAt ?? "")) });
    expect(pass.imports.map((entry) => entry.result.outcome)).toEqual(["imported"]);
    expect((await sessionCodes(endpointId)).get(session?.sessionId ?? "")).toBe("terminated");
    const after = await view(globex.admin, globexConnection);
    expect(after.sessions).toEqual([]);
    expect(after.revocation).toMatchObject({ pendingSince: null, lastImportAt: expect.any(String) });
    await expect(simulateClientVpnDevice(db, globex.admin, globexConnection, laptop.deviceId, "connect")).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("revoked"),
    });
    // The refusal is in the connection log, with AWS's reason; the other tenant does not see it.
    const [refused] = (await view(globex.admin, globexConnection)).connectionLog.attempts;
    expect(refused).toMatchObject({ deviceName: "Reception laptop", result: "refused", failureReason: "client certificate revoked", durationSeconds: null });
    const theirAttempts = (await view(initech.admin, initechConnection)).connectionLog.attempts;
    expect(theirAttempts.some((attempt) => attempt.connectionId === refused?.connectionId || attempt.result === "refused")).toBe(false);
  });

  it("revokes the tenant's devices when the connection is removed, and keeps the shared environment", async () => {
    await removeClientVpn(db, initech.admin, initechConnection);
    await expect(removeClientVpn(db, initech.admin, initechConnection)).rejects.toMatchObject({ code: "conflict" });
    await runAll();
    expect((await view(initech.admin, initechConnection)).status).toBe("removed");
    const [phone] = await db.select().from(clientVpnDevices).where(eq(clientVpnDevices.id, initechPhone.deviceId));
    expect(phone?.status).toBe("revoked");
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "client_vpn_device.revoke"), eq(auditLog.targetId, initechPhone.deviceId)));
    expect(audits).toHaveLength(1);

    const [environment] = await db.select().from(clientVpnEnvironments).where(ne(clientVpnEnvironments.status, "removed"));
    expect(environment?.status).toBe("available");
    expect((await view(globex.admin, globexConnection)).status).toBe("available");

    const later = new Date(Date.now() + 60 * 60_000);
    const pass = await runClientVpnMaintenance(db, { now: later });
    expect(pass.imports.map((entry) => entry.result.outcome)).toEqual(["imported"]);
    await expect(simulateClientVpnDevice(db, initech.admin, initechConnection, initechPhone.deviceId, "connect")).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("a shared environment that fails", SLOW, () => {
  it("fails the connection at its environment step with AWS's error, and a retry continues both runs", async () => {
    const ec2 = providerEc2("eu-west-1");
    // Fill the provider's VPC quota in the region, so the environment's VPC step is refused.
    const filler: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      try {
        const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${200 + i}.0.0/24` }));
        filler.push(Vpc?.VpcId ?? "");
      } catch (error) {
        expect(awsErrorCode(error)).toBe("VpcLimitExceeded");
        break;
      }
    }
    const id = (await createClientVpn(db, globex.admin, { region: "eu-west-1", productRegionIds: [product.analyticsEu] })).id;
    await runAll();
    const failed = await view(globex.admin, id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ step: "environment", code: "VpcLimitExceeded" });
    expect(failed.steps.find((step) => step.name === "vpc")).toMatchObject({ status: "failed", errorCode: "VpcLimitExceeded" });

    await ec2.send(new DeleteVpcCommand({ VpcId: filler.pop() }));
    const support = await createUser(db, { role: "provider_support" });
    await retryClientVpn(db, support, id);
    await runAll();
    expect(await view(globex.admin, id)).toMatchObject({ status: "available", error: null });
  });
});
