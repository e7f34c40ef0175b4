/**
 * Tenant isolation, enumerated: every exported server action and route handler under app/ is found
 * on disk and must (1) be built by a guard and (2) have a case below that proves a user of tenant A
 * cannot reach tenant B through it and a viewer cannot change anything. A new action or route
 * without a case fails this file, so isolation is decided when the action is written.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { GetVpnConnectionDeviceTypesCommand } from "@aws-sdk/client-ec2";
import { and, eq, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as schema from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { guardTagOf } from "@/lib/auth/guard";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { newDownloadToken } from "@/lib/connectivity/client-vpn/devices/download-token";
import { registerSandboxProducts } from "@/lib/dal/products";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";

const ROOT = process.cwd();
/** next-auth's own sign-in endpoints: they run before there is a session to check. */
const UNGUARDED_ALLOWED = new Set(["app/api/auth/[...nextauth]/route.ts"]);

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, match));
    else if (match(entry.name)) out.push(rel);
  }
  return out.sort();
}

const actionFiles = filesUnder("app", (n) => n === "actions.ts").filter((f) =>
  /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, f), "utf8")),
);
const routeFiles = filesUnder("app/api", (n) => n === "route.ts").filter((f) => !UNGUARDED_ALLOWED.has(f));

type Module = Record<string, unknown>;
async function load(file: string): Promise<Module> {
  return import(/* @vite-ignore */ path.join(ROOT, file));
}

type Action = (input: unknown) => Promise<{ ok: boolean; code?: string }>;
type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function asAction(value: unknown): Action {
  if (typeof value !== "function") throw new Error("not a function");
  return (input) => Promise.resolve(Reflect.apply(value, undefined, [input]));
}
function asRoute(value: unknown): Route {
  if (typeof value !== "function") throw new Error("not a function");
  return (request, context) => Promise.resolve(Reflect.apply(value, undefined, [request, context]));
}

/** Two tenants with one of everything, so each action has something of B's to aim at. */
interface World {
  a: { tenantId: string; admin: Caller; viewer: Caller; connectionId: string; siteToSiteId: string; invitationId: string };
  b: {
    tenantId: string;
    name: string;
    admin: Caller;
    viewer: Caller;
    connectionId: string;
    siteToSiteId: string;
    invitationId: string;
    awsAccountId: string;
  };
  productRegionId: string;
  /** A valid Site-to-Site request (the device type comes from the sandbox). */
  siteToSite: Record<string, unknown>;
  heldEndpointConnectionId: string;
  /** Each tenant's Client VPN connection and a device on it; B's device has a download link pending. */
  clientVpn: { aId: string; bId: string; aDeviceId: string; bDeviceId: string; bDownloadToken: string; environmentId: string };
}

type ActionCase =
  /** Runs before anyone signs in; what it protects is proven by its own tests. */
  | { public: string }
  | {
      /** What tenant A's admin sends to reach tenant B's resource. */
      crossTenant: (w: World) => unknown;
      /**
       * `denied`: must fail with not_found / forbidden. `own-tenant`: the tenant comes from the
       * session only, so the call may succeed, but in A's tenant and leaving B untouched.
       */
      outcome: "denied" | "own-tenant";
      /** What tenant A's viewer sends, aimed at A's own resource: it must be forbidden. */
      viewer: (w: World) => unknown;
    };

const ISOLATION_CASES: Record<string, ActionCase> = {
  "app/(app)/actions.ts#signOutAction": { public: "signs the caller out of their own session only" },
  "app/(auth)/sign-in/actions.ts#signInWithPassword": { public: "sign-in; rate limits are tested in lib/auth" },
  "app/(auth)/sign-in/actions.ts#signInWithSso": { public: "starts single sign-on" },
  "app/(auth)/invite/[token]/actions.ts#acceptInvitationAction": { public: "the invitation token is the credential" },

  "app/(app)/connections/new/actions.ts#createConnection": {
    crossTenant: (w) => ({ awsAccountId: "444455556666", productRegionId: w.productRegionId, tenantId: w.b.tenantId }),
    outcome: "own-tenant",
    viewer: (w) => ({ awsAccountId: "444455556667", productRegionId: w.productRegionId }),
  },
  "app/(app)/connections/[id]/actions.ts#removeConnection": {
    crossTenant: (w) => ({ connectionId: w.b.connectionId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.connectionId }),
  },
  "app/(app)/connections/[id]/actions.ts#simulateCustomerEndpoint": {
    crossTenant: (w) => ({ connectionId: w.b.connectionId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.connectionId }),
  },
  "app/(app)/connections/[id]/actions.ts#deleteCustomerEndpoint": {
    crossTenant: (w) => ({ connectionId: w.b.connectionId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.connectionId }),
  },
  "app/(app)/connections/[id]/actions.ts#retryConnection": {
    crossTenant: (w) => ({ connectionId: w.b.connectionId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.connectionId }),
  },
  "app/(app)/connections/[id]/actions.ts#reconcileConnection": {
    crossTenant: (w) => ({ connectionId: w.b.connectionId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.connectionId }),
  },
  "app/(app)/connections/site-to-site/actions.ts#createSiteToSite": {
    crossTenant: (w) => ({ ...w.siteToSite, tenantId: w.b.tenantId }),
    outcome: "own-tenant",
    viewer: (w) => w.siteToSite,
  },
  "app/(app)/connections/site-to-site/actions.ts#removeSiteToSite": {
    crossTenant: (w) => ({ connectionId: w.b.siteToSiteId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.siteToSiteId }),
  },
  "app/(app)/connections/site-to-site/actions.ts#retrySiteToSite": {
    crossTenant: (w) => ({ connectionId: w.b.siteToSiteId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.siteToSiteId }),
  },
  "app/(app)/connections/site-to-site/actions.ts#revealPreSharedKeys": {
    crossTenant: (w) => ({ connectionId: w.b.siteToSiteId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.siteToSiteId }),
  },
  "app/(app)/connections/site-to-site/actions.ts#simulateSiteToSiteTunnels": {
    crossTenant: (w) => ({ connectionId: w.b.siteToSiteId, status: "UP" }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.a.siteToSiteId, status: "UP" }),
  },
  "app/(app)/connections/client-vpn/actions.ts#createClientVpn": {
    crossTenant: (w) => ({ region: "us-east-1", productRegionIds: [w.productRegionId], tenantId: w.b.tenantId }),
    outcome: "own-tenant",
    viewer: (w) => ({ region: "us-east-1", productRegionIds: [w.productRegionId] }),
  },
  "app/(app)/connections/client-vpn/actions.ts#removeClientVpn": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId }),
  },
  "app/(app)/connections/client-vpn/actions.ts#retryClientVpn": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId }),
  },
  "app/(app)/connections/client-vpn/actions.ts#addClientVpnDevice": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId, name: "Intruder" }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId, name: "Viewer's laptop" }),
  },
  "app/(app)/connections/client-vpn/actions.ts#reissueClientVpnDevice": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId, deviceId: w.clientVpn.bDeviceId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId, deviceId: w.clientVpn.aDeviceId }),
  },
  // Through A's own connection, aimed at B's device.
  "app/(app)/connections/client-vpn/actions.ts#revokeClientVpnDevice": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.aId, deviceId: w.clientVpn.bDeviceId }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId, deviceId: w.clientVpn.aDeviceId }),
  },
  "app/(app)/connections/client-vpn/actions.ts#disconnectClientVpnSession": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId, sessionId: "cvpn-connection-0123456789abcdef0" }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId, sessionId: "cvpn-connection-0123456789abcdef0" }),
  },
  "app/(app)/connections/client-vpn/actions.ts#simulateClientVpnDevice": {
    crossTenant: (w) => ({ connectionId: w.clientVpn.bId, deviceId: w.clientVpn.bDeviceId, action: "connect" }),
    outcome: "denied",
    viewer: (w) => ({ connectionId: w.clientVpn.aId, deviceId: w.clientVpn.aDeviceId, action: "connect" }),
  },
  "app/(app)/team/actions.ts#inviteMemberAction": {
    crossTenant: (w) => ({ tenantId: w.b.tenantId, email: "intruder@a.example", role: "customer_admin" }),
    outcome: "denied",
    viewer: () => ({ email: "newcomer@a.example", role: "customer_viewer" }),
  },
  "app/(app)/team/actions.ts#revokeInvitationAction": {
    crossTenant: (w) => ({ invitationId: w.b.invitationId }),
    outcome: "denied",
    viewer: (w) => ({ invitationId: w.a.invitationId }),
  },
  "app/(app)/team/actions.ts#changeMemberRoleAction": {
    crossTenant: (w) => ({ userId: w.b.viewer.userId, role: "customer_admin" }),
    outcome: "denied",
    viewer: (w) => ({ userId: w.a.viewer.userId, role: "customer_admin" }),
  },
  "app/(app)/team/actions.ts#removeMemberAction": {
    crossTenant: (w) => ({ userId: w.b.viewer.userId }),
    outcome: "denied",
    viewer: (w) => ({ userId: w.a.admin.userId }),
  },
  "app/(app)/support/actions.ts#createTenantAction": {
    crossTenant: (w) => ({ name: "Tenant A Shadow", firstAdminEmail: w.b.admin.email }),
    outcome: "denied",
    viewer: () => ({ name: "Viewer's Tenant" }),
  },
  "app/(app)/support/endpoints/actions.ts#decideEndpoint": {
    crossTenant: (w) => ({ endpointConnectionId: w.heldEndpointConnectionId, decision: "accept" }),
    outcome: "denied",
    viewer: (w) => ({ endpointConnectionId: w.heldEndpointConnectionId, decision: "reject" }),
  },
  "app/(app)/support/products/actions.ts#registerProduct": {
    crossTenant: () => ({ productSlug: "stolen", productName: "Stolen", region: "us-east-1", serviceId: "vpce-svc-0123456789abcdef0" }),
    outcome: "denied",
    viewer: () => ({ productSlug: "stolen", productName: "Stolen", region: "us-east-1", serviceId: "vpce-svc-0123456789abcdef0" }),
  },
  "app/(app)/support/products/actions.ts#refreshProduct": {
    crossTenant: (w) => ({ productRegionId: w.productRegionId }),
    outcome: "denied",
    viewer: (w) => ({ productRegionId: w.productRegionId }),
  },
  "app/(app)/support/tenants/[id]/actions.ts#setDedicatedClientVpnAction": {
    crossTenant: (w) => ({ tenantId: w.b.tenantId, dedicated: true }),
    outcome: "denied",
    viewer: (w) => ({ tenantId: w.a.tenantId, dedicated: true }),
  },
  // The provider's own environment, which both tenants are placed on: support's alone to repair.
  "app/(app)/support/client-vpn/actions.ts#retryClientVpnEnvironmentAction": {
    crossTenant: (w) => ({ environmentId: w.clientVpn.environmentId }),
    outcome: "denied",
    viewer: (w) => ({ environmentId: w.clientVpn.environmentId }),
  },
  "app/(app)/support/client-vpn/actions.ts#retryProductAdditionAction": {
    crossTenant: () => ({ additionId: "7d1f6a52-3c4b-4e8a-9f10-2b3c4d5e6f70" }),
    outcome: "denied",
    viewer: () => ({ additionId: "7d1f6a52-3c4b-4e8a-9f10-2b3c4d5e6f70" }),
  },
  "app/(app)/support/settings/actions.ts#updateUnknownEndpointPolicy": {
    crossTenant: () => ({ policy: "hold" }),
    outcome: "denied",
    viewer: () => ({ policy: "hold" }),
  },
};

interface RouteCase {
  /** A request by tenant A's admin or viewer for tenant B's resource: it must be a 404. */
  crossTenant: (w: World) => { url: string; params: Record<string, string> };
}

const ROUTE_CASES: Record<string, RouteCase> = {
  "app/api/connections/[id]/plan/route.ts#GET": {
    crossTenant: (w) => ({ url: `http://localhost/api/connections/${w.b.siteToSiteId}/plan`, params: { id: w.b.siteToSiteId } }),
  },
  // Asking for the keys: tenant B's secrets must stay a 404, not a 403 or a file.
  "app/api/connections/[id]/device-config/route.ts#GET": {
    crossTenant: (w) => ({ url: `http://localhost/api/connections/${w.b.siteToSiteId}/device-config?keys=include`, params: { id: w.b.siteToSiteId } }),
  },
  "app/api/connections/[id]/status/route.ts#GET": {
    crossTenant: (w) => ({ url: `http://localhost/api/connections/${w.b.connectionId}/status`, params: { id: w.b.connectionId } }),
  },
  "app/api/connections/[id]/client-vpn/route.ts#GET": {
    crossTenant: (w) => ({ url: `http://localhost/api/connections/${w.clientVpn.bId}/client-vpn`, params: { id: w.clientVpn.bId } }),
  },
  // B's real, unused link: A's members get a 404 and the link stays unspent.
  "app/api/client-vpn/downloads/[token]/route.ts#GET": {
    crossTenant: (w) => ({ url: `http://localhost/api/client-vpn/downloads/${w.clientVpn.bDownloadToken}`, params: { token: w.clientVpn.bDownloadToken } }),
  },
};

/** Every row of every table, as comparable text. */
async function snapshot(): Promise<Map<string, string[]>> {
  const db = getDb();
  const out = new Map<string, string[]>();
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    const rows = await db.select().from(table);
    out.set(name, rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

/** Only the rows that mention one of `ids`: what belongs to tenant B. */
function mentioning(snap: Map<string, string[]>, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, rows] of snap) out.set(name, rows.filter((r) => ids.some((id) => r.includes(id))));
  return out;
}

function actionCaseOf(key: string): ActionCase {
  const found = ISOLATION_CASES[key];
  if (!found) throw new Error(`No isolation case for ${key}: add one to ISOLATION_CASES in lib/auth/isolation.integration-test.ts`);
  return found;
}

let world: World;

async function createConnectionAs(caller: Caller, awsAccountId: string, productRegionId: string): Promise<string> {
  const { createConnection } = await load("app/(app)/connections/new/actions.ts");
  setTestCaller(caller);
  const result = await asAction(createConnection)({ awsAccountId, productRegionId });
  if (!result.ok || !("data" in result)) throw new Error(`creating a connection for the test world failed: ${JSON.stringify(result)}`);
  const [row] = await getDb().select({ id: schema.connections.id }).from(schema.connections).where(eq(schema.connections.awsAccountId, awsAccountId));
  if (!row) throw new Error("connection not stored");
  return row.id;
}

async function createSiteToSiteAs(caller: Caller, request: Record<string, unknown>): Promise<string> {
  const { createSiteToSite } = await load("app/(app)/connections/site-to-site/actions.ts");
  setTestCaller(caller);
  const result = await asAction(createSiteToSite)(request);
  if (!result.ok || !("data" in result)) throw new Error(`creating a Site-to-Site connection for the test world failed: ${JSON.stringify(result)}`);
  const [row] = await getDb()
    .select({ id: schema.connections.id })
    .from(schema.connections)
    .where(and(eq(schema.connections.tenantId, caller.tenantId ?? ""), eq(schema.connections.type, "site_to_site")));
  if (!row) throw new Error("Site-to-Site connection not stored");
  return row.id;
}

async function inviteAs(caller: Caller, email: string): Promise<string> {
  const { inviteMemberAction } = await load("app/(app)/team/actions.ts");
  setTestCaller(caller);
  const result = await asAction(inviteMemberAction)({ email, role: "customer_viewer" });
  if (!result.ok) throw new Error(`inviting for the test world failed: ${JSON.stringify(result)}`);
  const [row] = await getDb().select({ id: schema.invitations.id }).from(schema.invitations).where(eq(schema.invitations.email, email));
  if (!row) throw new Error("invitation not stored");
  return row.id;
}

/** Each tenant's Client VPN connection (the action records it; no worker builds it here) and a device row on it. */
async function clientVpnWorld(aAdmin: Caller, bAdmin: Caller, productRegionId: string): Promise<World["clientVpn"]> {
  const { createClientVpn } = await load("app/(app)/connections/client-vpn/actions.ts");
  const db = getDb();
  const ids: string[] = [];
  const deviceIds: string[] = [];
  for (const admin of [aAdmin, bAdmin]) {
    setTestCaller(admin);
    const result = await asAction(createClientVpn)({ region: "us-east-1", productRegionIds: [productRegionId] });
    if (!result.ok || !("data" in result)) throw new Error(`creating a Client VPN connection for the test world failed: ${JSON.stringify(result)}`);
    const [row] = await db
      .select({ id: schema.connections.id })
      .from(schema.connections)
      .where(and(eq(schema.connections.tenantId, admin.tenantId ?? ""), eq(schema.connections.type, "client_vpn")));
    const [device] = await db
      .insert(schema.clientVpnDevices)
      .values({ tenantId: admin.tenantId ?? "", region: "us-east-1", clientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0", name: "Laptop", createdBy: admin.userId })
      .returning({ id: schema.clientVpnDevices.id });
    if (!row || !device) throw new Error("Client VPN connection or device not stored");
    ids.push(row.id);
    deviceIds.push(device.id);
  }
  const { token, tokenHash } = newDownloadToken();
  await db.insert(schema.clientVpnDeviceCertificates).values({
    deviceId: deviceIds[1] ?? "",
    tenantId: bAdmin.tenantId ?? "",
    region: "us-east-1",
    clientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
    serialNumber: "0badc0ffee",
    commonName: "tenant-b/laptop",
    certificatePem: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    configurationWithoutKey: "client",
    encryptedPrivateKey: "v1.placeholder",
    downloadTokenHash: tokenHash,
    downloadExpiresAt: new Date(Date.now() + 86_400_000),
  });
  const [placed] = await db
    .select({ environmentId: schema.connections.clientVpnEnvironmentId })
    .from(schema.connections)
    .where(eq(schema.connections.id, ids[0] ?? ""));
  if (!placed?.environmentId) throw new Error("Client VPN connection not placed on an environment");
  return { aId: ids[0] ?? "", bId: ids[1] ?? "", aDeviceId: deviceIds[0] ?? "", bDeviceId: deviceIds[1] ?? "", bDownloadToken: token, environmentId: placed.environmentId };
}

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  const [region] = await db.select({ id: schema.productRegions.id }).from(schema.productRegions).where(eq(schema.productRegions.region, "us-east-1")).limit(1);
  if (!region) throw new Error("the sandbox registered no products");

  const tenantA = await createTenant(db, "Tenant A");
  const tenantB = await createTenant(db, "Tenant B Secret Holdings");
  const aAdmin = await createUser(db, { role: "customer_admin", tenantId: tenantA.id });
  const aViewer = await createUser(db, { role: "customer_viewer", tenantId: tenantA.id });
  const bAdmin = await createUser(db, { role: "customer_admin", tenantId: tenantB.id });
  const bViewer = await createUser(db, { role: "customer_viewer", tenantId: tenantB.id });

  const bAccount = "777788889999";
  const [held] = await db
    .insert(schema.endpointConnections)
    .values({ productRegionId: region.id, vpcEndpointId: "vpce-0a1b2c3d4e5f60718", ownerAccountId: "999988887777", awsState: "pendingAcceptance", decision: "held" })
    .returning({ id: schema.endpointConnections.id });
  if (!held) throw new Error("held endpoint not stored");
  const deviceTypes = await providerEc2("us-east-1").send(new GetVpnConnectionDeviceTypesCommand({}));
  const siteToSite = {
    siteName: "Branch",
    location: "on_premises",
    deviceIp: "34.201.10.7",
    routing: { type: "bgp", asn: 65010 },
    onPremCidrs: ["192.168.0.0/16"],
    deviceTypeId: deviceTypes.VpnConnectionDeviceTypes?.[0]?.VpnConnectionDeviceTypeId ?? "",
    accelerated: false,
    productRegionIds: [region.id],
  };

  world = {
    a: {
      tenantId: tenantA.id,
      admin: aAdmin,
      viewer: aViewer,
      connectionId: await createConnectionAs(aAdmin, "111122223333", region.id),
      siteToSiteId: await createSiteToSiteAs(aAdmin, siteToSite),
      invitationId: await inviteAs(aAdmin, "pending@a.example"),
    },
    b: {
      tenantId: tenantB.id,
      name: tenantB.name,
      admin: bAdmin,
      viewer: bViewer,
      connectionId: await createConnectionAs(bAdmin, bAccount, region.id),
      // With keys of its own, so B has secrets at rest for A to fail to reveal.
      siteToSiteId: await createSiteToSiteAs(bAdmin, {
        ...siteToSite,
        tunnels: [{ preSharedKey: "tenant.b.secret_key1" }, { preSharedKey: "tenant.b.secret_key2" }],
      }),
      invitationId: await inviteAs(bAdmin, "pending@b.example"),
      awsAccountId: bAccount,
    },
    productRegionId: region.id,
    siteToSite,
    heldEndpointConnectionId: held.id,
    clientVpn: await clientVpnWorld(aAdmin, bAdmin, region.id),
  };
  setTestCaller(null);
});

function bIds(w: World): string[] {
  return [w.b.tenantId, w.b.connectionId, w.b.siteToSiteId, w.b.invitationId, w.b.admin.userId, w.b.viewer.userId, w.b.awsAccountId, w.clientVpn.bId, w.clientVpn.bDeviceId];
}

function expectNoLeak(w: World, payload: string): void {
  for (const secret of [w.b.name, w.b.awsAccountId, w.b.admin.email, w.b.viewer.email, "tenant.b.secret_key"]) expect(payload).not.toContain(secret);
}

describe("every server action and route handler is guarded", () => {
  it("finds the actions and routes on disk", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    expect(routeFiles.length).toBeGreaterThan(0);
  });

  it.each(actionFiles)("%s: every export is a guarded action", async (file) => {
    const mod = await load(file);
    for (const [name, value] of Object.entries(mod)) {
      expect(guardTagOf(value), `${file}#${name} is not built with guardedAction/publicAction`).toBeDefined();
      actionCaseOf(`${file}#${name}`);
    }
  });

  it.each(routeFiles)("%s: every export is a guarded route", async (file) => {
    const mod = await load(file);
    for (const [name, value] of Object.entries(mod)) {
      // Route segment config (dynamic, revalidate…) is data, not a handler.
      if (typeof value !== "function") continue;
      const tag = guardTagOf(value);
      expect(tag, `${file}#${name} is not built with guardedRoute`).toBeDefined();
      expect(tag?.permission).not.toBe("public");
      expect(ROUTE_CASES[`${file}#${name}`], `No isolation case for ${file}#${name}: add one to ROUTE_CASES`).toBeDefined();
    }
  });

  it("has no stale cases for actions or routes that no longer exist", async () => {
    const existing = new Set<string>();
    for (const file of [...actionFiles, ...routeFiles]) {
      for (const name of Object.keys(await load(file))) existing.add(`${file}#${name}`);
    }
    for (const key of [...Object.keys(ISOLATION_CASES), ...Object.keys(ROUTE_CASES)]) expect(existing, key).toContain(key);
  });
});

describe("tenant A cannot reach tenant B, and a viewer cannot change anything", () => {
  const guardedKeys = Object.entries(ISOLATION_CASES).filter(([, c]) => !("public" in c));

  it.each(guardedKeys)("%s", async (key, spec) => {
    if ("public" in spec) return;
    const [file, name] = key.split("#");
    if (!file || !name) throw new Error(`bad key ${key}`);
    const mod = await load(file);
    const action = asAction(mod[name]);
    const permission = guardTagOf(mod[name])?.permission;
    if (!permission || permission === "public") throw new Error(`${key} is not guarded`);

    // As tenant A's admin, aimed at tenant B.
    const before = await snapshot();
    setTestCaller(world.a.admin);
    const cross = await action(spec.crossTenant(world));
    const after = await snapshot();
    expectNoLeak(world, JSON.stringify(cross));
    expect(mentioning(after, bIds(world)), `${key} changed tenant B's rows`).toEqual(mentioning(before, bIds(world)));
    if (spec.outcome === "denied" || !can("customer_admin", permission)) {
      expect(cross.ok, `${key} let tenant A's admin act on tenant B`).toBe(false);
      expect(["not_found", "forbidden"]).toContain(cross.code);
      expect(after, `${key} wrote something although it was refused`).toEqual(before);
    }

    // As tenant A's viewer, aimed at A's own resource.
    const beforeViewer = await snapshot();
    setTestCaller(world.a.viewer);
    const asViewer = await action(spec.viewer(world));
    if (!can("customer_viewer", permission)) {
      expect(asViewer).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await snapshot(), `${key} let a viewer change something`).toEqual(beforeViewer);
    setTestCaller(null);
  });

  it.each(Object.entries(ROUTE_CASES))("%s", async (key, spec) => {
    const [file, name] = key.split("#");
    if (!file || !name) throw new Error(`bad key ${key}`);
    const handler = asRoute((await load(file))[name]);
    const { url, params } = spec.crossTenant(world);
    for (const caller of [world.a.admin, world.a.viewer]) {
      setTestCaller(caller);
      const response = await handler(new Request(url), { params: Promise.resolve(params) });
      expect(response.status, `${key} as ${caller.role} of tenant A`).toBe(404);
      expectNoLeak(world, await response.text());
    }
    setTestCaller(null);
    const anonymous = await handler(new Request(url), { params: Promise.resolve(params) });
    expect(anonymous.status).toBe(401);
  });
});
