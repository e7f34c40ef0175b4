import { DescribeVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "@/app/(app)/connections/new/actions";
import { removeConnection, simulateCustomerEndpoint } from "@/app/(app)/connections/[id]/actions";
import { GET as getStatus } from "@/app/api/connections/[id]/status/route";
import { getDb } from "@/db/client";
import { auditLog, connections, planRuns, planSteps } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { createInterfaceEndpoint, customerCanSeeService } from "@/lib/aws/customer-endpoints";
import { isPrincipalAllowed } from "@/lib/aws/endpoint-services";
import { findConnection } from "@/lib/dal/connections";
import { listProducts, registerSandboxProducts, type ProductRegionView } from "@/lib/dal/products";
import type { ConnectionStatusView } from "@/lib/connectivity/privatelink/status-view";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { reconcileProductRegion } from "./reconciler";
import { runPrivateLinkPlans } from "./testing/engine";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";

let admin: Caller;
let support: Caller;
let analytics: ProductRegionView;
let ledger: ProductRegionView;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  // Idempotent: a second run registers nothing new.
  await registerSandboxProducts(db);
  const products = await listProducts(db);
  const find = (slug: string, region: string) => {
    const found = products.find((p) => p.slug === slug)?.regions.find((r) => r.region === region);
    if (!found) throw new Error(`sandbox product ${slug} ${region} not registered`);
    return found;
  };
  analytics = find("analytics", REGION);
  ledger = find("ledger", REGION);
  expect(products.flatMap((p) => p.regions)).toHaveLength(3);
  const tenant = await createTenant(db, "Globex");
  admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
  support = await createUser(db, { role: "provider_support" });
});

async function statusOf(connectionId: string): Promise<ConnectionStatusView> {
  const response = await getStatus(new Request(`http://localhost/api/connections/${connectionId}/status`), {
    params: Promise.resolve({ id: connectionId }),
  });
  expect(response.status).toBe(200);
  const body: ConnectionStatusView = await response.json();
  return body;
}

async function endpointState(serviceId: string, vpcEndpointId: string): Promise<string | undefined> {
  const out = await providerEc2(REGION).send(
    new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [serviceId] }] }),
  );
  return out.VpcEndpointConnections?.find((c) => c.VpcEndpointId === vpcEndpointId)?.VpcEndpointState;
}

describe("PrivateLink for a customer on AWS", () => {
  it("reads the registered service's details from AWS", () => {
    expect(analytics.serviceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
    expect(analytics.zoneIds).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
    expect(analytics.privateDnsName).toBe("analytics.acme-saas.example");
    expect(analytics.ports).toEqual([443]);
    expect(ledger.ports).toEqual([443, 5432]);
    expect(ledger.privateDnsName).toBeNull();
  });

  it("allow-lists, accepts the customer's endpoint, becomes available, and removes cleanly", async () => {
    const db = getDb();
    setTestCaller(admin);
    expect(await customerCanSeeService(ACCOUNT, REGION, analytics.serviceName)).toBe(false);

    const created = await createConnection({ awsAccountId: ` ${ACCOUNT} `, productRegionId: analytics.id, label: "Production VPC" });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    // The request is recorded with the engine's run; a worker does the allow-listing.
    expect((await findConnection(db, admin, id)).status).toBe("allowlisting");
    const [run] = await db.select().from(planRuns).where(eq(planRuns.connectionId, id));
    expect(run).toMatchObject({ plan: "privatelink", direction: "provision" });
    await runPrivateLinkPlans();
    const steps = await db.select().from(planSteps).where(eq(planSteps.runId, run?.id ?? ""));
    expect(steps.map((s) => [s.name, s.status])).toEqual([["allowlist", "succeeded"]]);
    expect((await findConnection(db, admin, id)).status).toBe("awaiting_endpoint");
    expect(await isPrincipalAllowed(REGION, analytics.serviceId, ACCOUNT)).toBe(true);
    expect(await customerCanSeeService(ACCOUNT, REGION, analytics.serviceName)).toBe(true);

    const endpoint = await createInterfaceEndpoint(ACCOUNT, REGION, {
      serviceName: analytics.serviceName,
      zoneIds: analytics.zoneIds,
      privateDnsEnabled: true,
      clientToken: `test-${id}`,
    });
    expect(await endpointState(analytics.serviceId, endpoint.vpcEndpointId)).toBe("pendingAcceptance");

    await reconcileProductRegion(db, analytics.id);
    expect((await findConnection(db, admin, id)).status).toBe("accepting");
    await reconcileProductRegion(db, analytics.id);

    const view = await statusOf(id);
    expect(view.status).toBe("available");
    expect(view.vpcEndpointId).toBe(endpoint.vpcEndpointId);
    const names = view.dnsEntries.map((e) => e.dnsName);
    const suffix = `${analytics.serviceId}.${REGION}.vpce.amazonaws.com`;
    const regional = new RegExp(`^${endpoint.vpcEndpointId}-[a-z0-9]{8}\\.${suffix.replace(/\./g, "\\.")}$`);
    const zonal = new RegExp(`^${endpoint.vpcEndpointId}-[a-z0-9]{8}-us-east-1[a-f]\\.${suffix.replace(/\./g, "\\.")}$`);
    expect(names.filter((n) => regional.test(n))).toHaveLength(1);
    expect(names.filter((n) => zonal.test(n))).toHaveLength(3);
    expect(view.events.map((e) => e.kind)).toEqual(["requested", "allowlisted", "accepting", "available"]);

    setTestCaller(admin);
    const removed = await removeConnection({ connectionId: id });
    expect(removed.ok).toBe(true);
    expect((await findConnection(db, admin, id)).status).toBe("removing");
    await runPrivateLinkPlans();
    expect((await findConnection(db, admin, id)).status).toBe("removed");
    expect(await isPrincipalAllowed(REGION, analytics.serviceId, ACCOUNT)).toBe(false);
    expect(await endpointState(analytics.serviceId, endpoint.vpcEndpointId)).toBe("rejected");

    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["connection.create", "connection.allowlist", "connection.available", "connection.remove", "connection.removed"]),
    );
  });

  it("keeps the allow-listing while another live connection of the account needs it", async () => {
    const db = getDb();
    const otherTenant = await createTenant(db, "Initech");
    const otherAdmin = await createUser(db, { role: "customer_admin", tenantId: otherTenant.id });
    const shared = "999988887777";
    setTestCaller(admin);
    const first = await createConnection({ awsAccountId: shared, productRegionId: ledger.id });
    setTestCaller(otherAdmin);
    const second = await createConnection({ awsAccountId: shared, productRegionId: ledger.id });
    if (!first.ok || !second.ok) throw new Error("create failed");
    await runPrivateLinkPlans();
    const endpoint = await createInterfaceEndpoint(shared, REGION, {
      serviceName: ledger.serviceName,
      zoneIds: ledger.zoneIds,
      privateDnsEnabled: false,
      clientToken: `shared-${first.data.id}`,
    });
    await reconcileProductRegion(db, ledger.id);
    await reconcileProductRegion(db, ledger.id);
    expect(await endpointState(ledger.serviceId, endpoint.vpcEndpointId)).toBe("available");

    setTestCaller(admin);
    expect((await removeConnection({ connectionId: first.data.id })).ok).toBe(true);
    await runPrivateLinkPlans();
    expect((await findConnection(db, admin, first.data.id)).status).toBe("removed");
    expect(await isPrincipalAllowed(REGION, ledger.serviceId, shared)).toBe(true);
    expect(await endpointState(ledger.serviceId, endpoint.vpcEndpointId)).toBe("available");

    setTestCaller(otherAdmin);
    expect((await removeConnection({ connectionId: second.data.id })).ok).toBe(true);
    await runPrivateLinkPlans();
    expect((await findConnection(db, otherAdmin, second.data.id)).status).toBe("removed");
    expect(await isPrincipalAllowed(REGION, ledger.serviceId, shared)).toBe(false);
    expect(await endpointState(ledger.serviceId, endpoint.vpcEndpointId)).toBe("rejected");
  });

  it("simulates the customer's side from the page and support sees the result", async () => {
    const db = getDb();
    setTestCaller(admin);
    const created = await createConnection({ awsAccountId: "222233334444", productRegionId: ledger.id });
    if (!created.ok) throw new Error(created.message);
    await runPrivateLinkPlans();
    const simulated = await simulateCustomerEndpoint({ connectionId: created.data.id });
    if (!simulated.ok) throw new Error(simulated.message);
    // A second click while the endpoint exists is refused rather than creating another one.
    expect((await simulateCustomerEndpoint({ connectionId: created.data.id })).ok).toBe(false);
    await reconcileProductRegion(db, ledger.id);
    setTestCaller(support);
    const seen = await statusOf(created.data.id);
    expect(seen.status).toBe("available");
    expect(seen.vpcEndpointId).toBe(simulated.data.vpcEndpointId);
    // The ledger service has no private DNS name: only the regional and one name per zone.
    expect(seen.dnsEntries).toHaveLength(1 + ledger.zoneIds.length);
  });

  it("hides a connection from another tenant's users", async () => {
    const db = getDb();
    const [mine] = await db.select({ id: connections.id }).from(connections).where(and(eq(connections.tenantId, admin.tenantId ?? "")));
    if (!mine) throw new Error("no connection");
    const stranger = await createUser(db, { role: "customer_admin", tenantId: (await createTenant(db, "Umbrella")).id });
    setTestCaller(stranger);
    const response = await getStatus(new Request("http://localhost/"), { params: Promise.resolve({ id: mine.id }) });
    expect(response.status).toBe(404);
    const removal = await removeConnection({ connectionId: mine.id });
    expect(removal.ok ? "ok" : removal.code).toBe("not_found");
  });
});
