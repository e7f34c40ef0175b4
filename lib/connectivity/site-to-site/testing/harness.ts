import {
  EC2Client,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpcEndpointsCommand,
  GetVpnConnectionDeviceTypesCommand,
} from "@aws-sdk/client-ec2";
import { ListResolverEndpointsCommand, Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { productRegions, products } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2, providerResolver } from "@/lib/aws/clients";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { findByTags, tagFilters, type TaggedResourceKind } from "@/lib/engine/adopt";
import type { ActionResult } from "@/lib/errors";
import type { EngineOptions } from "@/lib/engine/executor";
import { registerSandboxProducts } from "@/lib/dal/products";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import type { SiteToSiteDeps } from "../step-env";

/** Shared by the Site-to-Site integration tests: a tenant, valid requests, and what the sandbox holds. */

export const FAST: Omit<EngineOptions, "plans"> = {
  pollMs: 10,
  concurrency: 8,
  backoff: { retryBaseMs: 5, retryMaxMs: 40, waitMaxMs: 20 },
};

export interface World {
  admin: Caller;
  analyticsUsEast: string;
  ledgerUsEast: string;
  analyticsEuWest: string;
  deviceTypeId: string;
}

async function productRegionId(db: Db, slug: string, region: string): Promise<string> {
  const rows = await db
    .select({ id: productRegions.id, region: productRegions.region })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(products.slug, slug));
  const row = rows.find((r) => r.region === region);
  if (!row) throw new Error(`the sandbox registered no ${slug} in ${region}`);
  return row.id;
}

export async function setUpWorld(db: Db, tenantName = "Site Tenant"): Promise<World> {
  await registerSandboxProducts(db);
  const tenant = await createTenant(db, tenantName);
  const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
  const types = await providerEc2("us-east-1").send(new GetVpnConnectionDeviceTypesCommand({}));
  const deviceTypeId = types.VpnConnectionDeviceTypes?.find((t) => t.Vendor === "Generic")?.VpnConnectionDeviceTypeId;
  if (!deviceTypeId) throw new Error("the sandbox lists no generic device type");
  return {
    admin,
    analyticsUsEast: await productRegionId(db, "analytics", "us-east-1"),
    ledgerUsEast: await productRegionId(db, "ledger", "us-east-1"),
    analyticsEuWest: await productRegionId(db, "analytics", "eu-west-1"),
    deviceTypeId,
  };
}

export function validRequest(world: World, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteName: "Head office",
    location: "on_premises",
    deviceIp: "34.201.10.7",
    routing: { type: "bgp", asn: 65010 },
    onPremCidrs: ["192.168.0.0/16"],
    deviceTypeId: world.deviceTypeId,
    accelerated: false,
    productRegionIds: [world.analyticsUsEast, world.ledgerUsEast],
    ...overrides,
  };
}

const actionResult = z.object({
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  data: z.unknown().optional(),
});

const unlimited = new Map<string, { ec2: EC2Client; resolver: Route53ResolverClient }>();

function unlimitedClients(region: string) {
  let clients = unlimited.get(region);
  if (!clients) {
    const cloud = sandboxCloud();
    const config = { region, maxAttempts: 2, credentials: cloud.credentialsFor(cloud.providerAccountId), requestHandler: cloud.requestHandler() };
    clients = { ec2: new EC2Client(config), resolver: new Route53ResolverClient(config) };
    unlimited.set(region, clients);
  }
  return clients;
}

/**
 * The plan's dependencies with the provider's sandbox clients outside Onramp's rate limiter: AWS
 * allows 0.3 CreateVpcEndpoint calls per second, which would make these tests take minutes. The
 * limiter has tests of its own (lib/engine) and the bench runs with it.
 */
export function testDeps(checkpoint?: SiteToSiteDeps["checkpoint"]): SiteToSiteDeps {
  return { ec2: (region) => unlimitedClients(region).ec2, resolver: (region) => unlimitedClients(region).resolver, db: getDb, checkpoint };
}

/** Calls an action with input the type system would refuse, as a browser could send it. */
export async function callAction(action: (input: never) => Promise<ActionResult<unknown>>, input: unknown): Promise<z.output<typeof actionResult>> {
  return actionResult.parse(await Reflect.apply(action, undefined, [input]));
}

/** Creates a connection through the action and returns its id. */
export async function createdId(action: (input: never) => Promise<ActionResult<unknown>>, input: unknown): Promise<string> {
  const result = await callAction(action, input);
  if (!result.ok) throw new Error(`creating a Site-to-Site connection failed: ${JSON.stringify(result)}`);
  return z.object({ id: z.string() }).parse(result.data).id;
}

/** Create calls that make a resource, as the sandbox logged them (only successful ones made anything). */
export const RESOURCE_CREATES = new Set([
  "CreateVpc",
  "CreateSubnet",
  "CreateSecurityGroup",
  "CreateCustomerGateway",
  "CreateVpnGateway",
  "AttachVpnGateway",
  "CreateVpnConnection",
  "CreateVpcEndpoint",
  "CreateResolverEndpoint",
  "CreateTransitGateway",
  "CreateTransitGatewayRouteTable",
  "CreateTransitGatewayVpcAttachment",
]);

export function createCalls(since = 0) {
  return sandboxCloud()
    .calls()
    .slice(since)
    .filter((call) => call.status === 200 && RESOURCE_CREATES.has(call.action));
}

export function countByAction(calls: ReadonlyArray<{ action: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.action] = (counts[call.action] ?? 0) + 1;
  return counts;
}

const KINDS: TaggedResourceKind[] = ["vpc", "subnet", "security-group", "customer-gateway", "vpn-gateway", "vpn-connection"];

/** Every live resource of the provider account tagged with this connection, by kind. */
export async function liveResourcesOf(connectionId: string, region = "us-east-1"): Promise<Record<string, number>> {
  const ec2 = providerEc2(region);
  const tags = { "onramp:connection": connectionId };
  const counts: Record<string, number> = {};
  for (const kind of KINDS) counts[kind] = (await findByTags(ec2, kind, tags)).length;
  const endpoints = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(tags) }));
  counts["vpc-endpoint"] = (endpoints.VpcEndpoints ?? []).filter((e) => !["deleted", "deleting"].includes(String(e.State).toLowerCase())).length;
  // Transit gateway attachments and route tables are found through the connection's VPC, so one
  // left behind shows even if its tags were never written.
  const vpcIds = await findByTags(ec2, "vpc", tags);
  const attachments = vpcIds.length
    ? (await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: "resource-id", Values: vpcIds }] }))).TransitGatewayAttachments ?? []
    : [];
  counts["tgw-vpc-attachment"] = attachments.filter((a) => a.State !== "deleted" && a.State !== "deleting").length;
  const tableIds = [...new Set(attachments.flatMap((a) => (a.Association?.TransitGatewayRouteTableId ? [a.Association.TransitGatewayRouteTableId] : [])))];
  const tables = tableIds.length
    ? (await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ TransitGatewayRouteTableIds: tableIds }))).TransitGatewayRouteTables ?? []
    : [];
  counts["tgw-route-table"] = tables.filter((t) => t.State !== "deleted" && t.State !== "deleting").length;
  const resolvers = await providerResolver(region).send(new ListResolverEndpointsCommand({}));
  counts["resolver-endpoint"] = (resolvers.ResolverEndpoints ?? []).filter((r) => r.Name?.startsWith(`onramp-${connectionId.slice(0, 8)}`)).length;
  return counts;
}

export const NOTHING = {
  vpc: 0,
  subnet: 0,
  "security-group": 0,
  "customer-gateway": 0,
  "vpn-gateway": 0,
  "vpn-connection": 0,
  "vpc-endpoint": 0,
  "tgw-route-table": 0,
  "tgw-vpc-attachment": 0,
  "resolver-endpoint": 0,
};
