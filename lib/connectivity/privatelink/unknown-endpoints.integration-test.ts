import { DescribeVpcEndpointConnectionsCommand, ModifyVpcEndpointServicePermissionsCommand } from "@aws-sdk/client-ec2";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { decideEndpoint } from "@/app/(app)/support/endpoints/actions";
import { updateUnknownEndpointPolicy } from "@/app/(app)/support/settings/actions";
import { getDb } from "@/db/client";
import { auditLog, endpointConnections } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { createInterfaceEndpoint } from "@/lib/aws/customer-endpoints";
import { listHeldEndpoints } from "@/lib/dal/endpoint-connections";
import { listProducts, registerSandboxProducts, type ProductRegionView } from "@/lib/dal/products";
import { getUnknownEndpointPolicy } from "@/lib/dal/provider-settings";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { reconcileProductRegion } from "./reconciler";

const REGION = "us-east-1";
let service: ProductRegionView;
let providerAdmin: Caller;
let support: Caller;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  const found = (await listProducts(db)).find((p) => p.slug === "analytics")?.regions.find((r) => r.region === REGION);
  if (!found) throw new Error("analytics not registered");
  service = found;
  providerAdmin = await createUser(db, { role: "provider_admin" });
  support = await createUser(db, { role: "provider_support" });
});

/** An account nobody asked Onramp for, allowed directly in AWS (e.g. by hand in the console). */
async function strangerEndpoint(accountId: string): Promise<string> {
  await providerEc2(REGION).send(
    new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.serviceId, AddAllowedPrincipals: [`arn:aws:iam::${accountId}:root`] }),
  );
  const created = await createInterfaceEndpoint(accountId, REGION, {
    serviceName: service.serviceName,
    zoneIds: service.zoneIds,
    privateDnsEnabled: false,
    clientToken: `stranger-${accountId}`,
  });
  return created.vpcEndpointId;
}

async function awsState(vpcEndpointId: string): Promise<string | undefined> {
  const out = await providerEc2(REGION).send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [service.serviceId] }] }));
  return out.VpcEndpointConnections?.find((c) => c.VpcEndpointId === vpcEndpointId)?.VpcEndpointState;
}

async function decisionOf(vpcEndpointId: string) {
  const [row] = await getDb().select().from(endpointConnections).where(eq(endpointConnections.vpcEndpointId, vpcEndpointId));
  return row?.decision ?? null;
}

describe("endpoint connections from accounts that belong to no tenant", () => {
  it("are rejected by default, and the rejection is audited as the system", async () => {
    const db = getDb();
    expect(await getUnknownEndpointPolicy(db)).toBe("reject");
    const endpointId = await strangerEndpoint("555566667777");
    await reconcileProductRegion(db, service.id);
    expect(await awsState(endpointId)).toBe("rejected");
    expect(await decisionOf(endpointId)).toBe("rejected");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.targetId, endpointId));
    expect(audit?.action).toBe("endpoint.reject");
    expect(audit?.actorEmail).toBe("system");
  });

  it("are held for support with policy hold, and support can accept or reject them", async () => {
    const db = getDb();
    setTestCaller(support);
    expect((await updateUnknownEndpointPolicy({ policy: "hold" })).ok).toBe(false);
    setTestCaller(providerAdmin);
    expect((await updateUnknownEndpointPolicy({ policy: "hold" })).ok).toBe(true);

    const toAccept = await strangerEndpoint("666677778888");
    const toReject = await strangerEndpoint("777788889999");
    await reconcileProductRegion(db, service.id);
    expect(await awsState(toAccept)).toBe("pendingAcceptance");
    expect(await decisionOf(toAccept)).toBe("held");

    const held = await listHeldEndpoints(db, support, { page: 1, pageSize: 50 });
    expect(held.rows.map((r) => r.vpcEndpointId).sort()).toEqual([toAccept, toReject].sort());
    const idOf = (vpce: string) => held.rows.find((r) => r.vpcEndpointId === vpce)?.id ?? "";

    // A customer cannot decide, whatever they send.
    const tenant = await createTenant(db, "Hooli");
    setTestCaller(await createUser(db, { role: "customer_admin", tenantId: tenant.id }));
    expect((await decideEndpoint({ endpointConnectionId: idOf(toAccept), decision: "accept" })).ok).toBe(false);

    setTestCaller(support);
    expect((await decideEndpoint({ endpointConnectionId: idOf(toAccept), decision: "accept" })).ok).toBe(true);
    expect((await decideEndpoint({ endpointConnectionId: idOf(toReject), decision: "reject" })).ok).toBe(true);
    // Deciding twice is refused: it is no longer waiting.
    expect((await decideEndpoint({ endpointConnectionId: idOf(toReject), decision: "accept" })).ok).toBe(false);

    await reconcileProductRegion(db, service.id);
    expect(await awsState(toAccept)).toBe("available");
    expect(await awsState(toReject)).toBe("rejected");
    // Support's acceptance sticks: the reconciler does not reject it later.
    expect(await decisionOf(toAccept)).toBe("accepted");
    expect((await listHeldEndpoints(db, support, { page: 1, pageSize: 50 })).total).toBe(0);
    const actors = await db.select({ action: auditLog.action, email: auditLog.actorEmail }).from(auditLog).where(eq(auditLog.targetId, toAccept));
    expect(actors).toContainEqual({ action: "endpoint.accept", email: support.email });
  });
});
