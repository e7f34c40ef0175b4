import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clientVpnEnvironments, clientVpnProductAdditions, planRuns, productRegions, products } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { tagFilters } from "@/lib/engine/adopt";
import { runUntilIdle } from "@/lib/engine/executor";
import { FAST } from "@/lib/connectivity/site-to-site/testing/harness";
import { createTenantWithUsers, type TestTenantWithUsers } from "./devices/testing/endpoint-harness";
import { removeClientVpnEnvironment } from "./environments";
import { runClientVpnMaintenance } from "./maintenance";
import { clientVpnConnectionPlan, clientVpnEnvironmentPlan, clientVpnProductAdditionPlan } from "./plans";
import { environmentNetwork } from "./region-environment";
import { createClientVpn } from "./requests";
import { clientVpnStatusView } from "./status-view";
import { NOTHING, createsSince, liveResourcesOf, testEc2 } from "./testing/harness";
import { registerSandboxProduct } from "./testing/products";

/**
 * A region's environment is built while the catalog offers only Acme Ledger there; the provider
 * then registers Acme Analytics (private DNS name, zones shared with the environment's) and an
 * archive product in a zone the environment has no subnet in. The maintenance pass adds what it
 * can, once, and the environment's removal leaves nothing behind.
 */
const REGION = "us-east-1";
const db = getDb();
let globex: TestTenantWithUsers;
let connectionId: string;
let environmentId: string;
let analyticsId: string;

const runAll = () => runUntilIdle(db, { plans: [clientVpnEnvironmentPlan, clientVpnConnectionPlan, clientVpnProductAdditionPlan], ...FAST, timeoutMs: 180_000 });
const view = () => clientVpnStatusView(db, globex.admin, connectionId);

/** A tenant that asks for the region's Client VPN after the catalog changed, choosing one product. */
async function laterTenant(name: string, productRegionId: string) {
  const tenant = await createTenantWithUsers(db, name);
  const { id } = await createClientVpn(db, tenant.admin, { region: REGION, productRegionIds: [productRegionId] });
  return () => clientVpnStatusView(db, tenant.admin, id);
}
const additions = () => db.select().from(clientVpnProductAdditions);

async function endpointsInVpc(vpcId: string) {
  const { VpcEndpoints = [] } = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
  return VpcEndpoints.filter((endpoint) => !["deleting", "deleted"].includes(String(endpoint.State).toLowerCase()));
}

const SLOW = { timeout: 400_000 };

beforeAll(async () => {
  const ledgerId = await registerSandboxProduct(db, "ledger", REGION);
  globex = await createTenantWithUsers(db, "Globex");
  connectionId = (await createClientVpn(db, globex.admin, { region: REGION, productRegionIds: [ledgerId] })).id;
  await runAll();
  const [environment] = await db.select().from(clientVpnEnvironments).where(ne(clientVpnEnvironments.status, "removed"));
  if (!environment) throw new Error("no environment was built");
  environmentId = environment.id;
}, 400_000);

describe("products registered after a Client VPN environment was built", SLOW, () => {
  it("adds the new product's interface endpoint once, with private DNS, and the tenants who chose it see it", async () => {
    expect((await view()).products.map((product) => product.productName)).toEqual(["Acme Ledger"]);
    // Nothing is missing: the pass starts nothing.
    expect((await runClientVpnMaintenance(db)).products).toEqual({ started: 0, unreachable: 0 });

    analyticsId = await registerSandboxProduct(db, "analytics", REGION);
    const since = sandboxCloud().calls().length;
    // Two processes notice at once: one row, one run.
    const passes = await Promise.all([runClientVpnMaintenance(db), runClientVpnMaintenance(db)]);
    expect(passes.map((pass) => pass.products.started).sort()).toEqual([0, 1]);
    const [addition] = await additions();
    expect(addition).toMatchObject({ environmentId, productRegionId: analyticsId, status: "adding" });
    // A tenant choosing the new product now is placed on this environment and sees it being added.
    const initechView = await laterTenant("Initech", analyticsId);
    expect((await initechView()).products).toEqual([expect.objectContaining({ productName: "Acme Analytics", adding: true, unreachable: null, endpointDnsNames: [] })]);

    await runAll();
    expect((await additions())[0]?.status).toBe("available");
    const network = await environmentNetwork(db, environmentId);
    if (!network) throw new Error("the environment has no network");
    const endpoints = await endpointsInVpc(network.vpcId);
    expect(endpoints).toHaveLength(2);
    const analytics = endpoints.find((endpoint) => endpoint.PrivateDnsEnabled);
    // In both of the environment's subnets (Analytics runs in both zones), behind its products group.
    expect(analytics).toMatchObject({ State: "available", VpcId: network.vpcId, Groups: [{ GroupId: network.productsGroupId }] });
    expect([...(analytics?.SubnetIds ?? [])].sort()).toEqual(network.subnets.map((subnet) => subnet.subnetId).sort());
    expect(analytics?.DnsEntries?.map((entry) => entry.DnsName)).toContain("analytics.acme-saas.example");
    expect(createsSince(since)).toEqual({ CreateVpcEndpoint: 1 });
    // The group admits the devices on Analytics's port from both subnets (Ledger's 443 already did).
    const [group] = (await testEc2().send(new DescribeSecurityGroupsCommand({ GroupIds: [network.productsGroupId] }))).SecurityGroups ?? [];
    const rules = group?.IpPermissions?.flatMap((rule) => rule.IpRanges?.map((range) => `${rule.FromPort}:${range.CidrIp}`) ?? []) ?? [];
    expect(rules).toEqual(expect.arrayContaining(network.subnets.map((subnet) => `443:${subnet.cidr}`)));

    const [chosen] = (await initechView()).products;
    expect(chosen).toMatchObject({ productName: "Acme Analytics", adding: false, unreachable: null, privateDnsName: "analytics.acme-saas.example", ports: [443] });
    expect(chosen?.endpointDnsNames).toContain("analytics.acme-saas.example");
    // Globex chose Ledger alone and is shown just that.
    expect((await view()).products.map((product) => product.productName)).toEqual(["Acme Ledger"]);

    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "client_vpn.environment.product_add"));
    expect(audit).toEqual([expect.objectContaining({ actorRole: "system", targetId: environmentId })]);

    // A later pass finds nothing missing and makes nothing.
    const again = sandboxCloud().calls().length;
    expect((await runClientVpnMaintenance(db)).products).toEqual({ started: 0, unreachable: 0 });
    await runAll();
    expect(createsSince(again)).toEqual({});
    expect(await additions()).toHaveLength(1);
  });

  it("records a product whose service runs in none of the environment's zones as unreachable, making nothing", async () => {
    const [product] = await db.insert(products).values({ slug: "archive", name: "Acme Archive" }).returning();
    const [archive] = await db
      .insert(productRegions)
      .values({
        productId: product?.id ?? "",
        region: REGION,
        serviceId: "vpce-svc-0123456789abcdef0",
        serviceName: `com.amazonaws.vpce.${REGION}.vpce-svc-0123456789abcdef0`,
        privateDnsName: null,
        zoneIds: ["use1-az6"],
        ports: [8443],
        acceptanceRequired: true,
      })
      .returning();
    const since = sandboxCloud().calls().length;
    expect((await runClientVpnMaintenance(db)).products).toEqual({ started: 0, unreachable: 1 });
    const row = (await additions()).find((addition) => addition.productRegionId === archive?.id);
    expect(row).toMatchObject({ status: "unreachable", reason: expect.stringContaining("none of the environment's zones") });
    expect(await db.select().from(planRuns).where(eq(planRuns.connectionId, row?.id ?? ""))).toEqual([]);
    expect(createsSince(since)).toEqual({});
    expect((await runClientVpnMaintenance(db)).products).toEqual({ started: 0, unreachable: 0 });
    // A tenant who chooses it is told why its devices cannot reach it.
    const umbrellaView = await laterTenant("Umbrella", archive?.id ?? "");
    expect((await umbrellaView()).products).toEqual([
      expect.objectContaining({ productName: "Acme Archive", adding: false, unreachable: expect.stringContaining("none of the environment's zones") }),
    ]);
  });

  it("removing the environment deletes the added endpoint with the rest, leaving nothing", async () => {
    const network = await environmentNetwork(db, environmentId);
    if (!network) throw new Error("the environment has no network");
    const [analytics] = (await additions()).filter((addition) => addition.productRegionId === analyticsId);
    const undoId = await removeClientVpnEnvironment(db, clientVpnEnvironmentPlan, environmentId);
    await runAll();
    const [undo] = await db.select().from(planRuns).where(eq(planRuns.id, undoId));
    expect(undo).toMatchObject({ status: "succeeded", errorMessage: null });
    expect(await endpointsInVpc(network.vpcId)).toEqual([]);
    expect(await liveResourcesOf(environmentId)).toEqual(NOTHING);
    // Nothing is left tagged for the addition's run either.
    const tagged = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: tagFilters({ "onramp:connection": analytics?.id ?? "" }) }));
    expect((tagged.VpcEndpoints ?? []).map((endpoint) => String(endpoint.State).toLowerCase()).filter((state) => state !== "deleted")).toEqual([]);
    expect((await additions()).map((addition) => addition.status)).toEqual(["removed", "removed"]);
    // A removed environment gains nothing.
    expect((await runClientVpnMaintenance(db)).products).toEqual({ started: 0, unreachable: 0 });
  });
});
