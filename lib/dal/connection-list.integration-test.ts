import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clientVpnDevices, connectionProducts, connections, planRuns, productRegions, products, type PlanRunStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { siteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import type { SiteToSiteParams } from "@/lib/dal/site-to-site-connections";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { countAllConnections, countConnectionsByTenant, listConnections, searchConnections, type ConnectionListRow } from "./connection-list";
import { listTenantsPage, providerTotals } from "./tenants";

const db = getDb();

let support: Caller;
let globexAdmin: Caller;
let initechAdmin: Caller;
const tenant = { globex: "", initech: "" };
const product = { analytics: "", ledger: "" };
/** Connection ids by a name the tests use. */
const ids: Record<string, string> = {};

let clock = Date.parse("2026-01-01T00:00:00Z");
/** Strictly increasing timestamps, so "latest run" and "latest change" are unambiguous. */
const tick = () => new Date((clock += 60_000));

async function productRegion(slug: string, name: string): Promise<string> {
  const [row] = await db.insert(products).values({ slug, name }).returning();
  if (!row) throw new Error("no product");
  const serviceId = `vpce-svc-0${slug.padEnd(16, "0").slice(0, 16)}`;
  const [region] = await db
    .insert(productRegions)
    .values({ productId: row.id, region: "us-east-1", serviceId, serviceName: `com.amazonaws.vpce.us-east-1.${serviceId}`, zoneIds: ["use1-az1", "use1-az2"], ports: [443], acceptanceRequired: true })
    .returning();
  if (!region) throw new Error("no product region");
  return region.id;
}

async function privateLink(name: string, tenantId: string, status: "available" | "failed" | "awaiting_endpoint", account: string, endpoint: string | null) {
  const at = tick();
  const [row] = await db
    .insert(connections)
    .values({
      tenantId,
      location: "aws",
      type: "privatelink",
      productRegionId: product.analytics,
      awsAccountId: account,
      vpcEndpointId: endpoint,
      status,
      errorCode: status === "failed" ? "EndpointRejected" : null,
      errorMessage: status === "failed" ? "The endpoint was rejected." : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: connections.id });
  if (!row) throw new Error("no connection");
  ids[name] = row.id;
}

interface Run {
  direction: "provision" | "deprovision";
  status: PlanRunStatus;
  errorStep?: string;
}

async function siteToSite(
  name: string,
  tenantId: string,
  options: { siteName: string; deviceIp: string; stored: "provisioning" | "available" | "removing" | "removed"; runs: Run[]; cloud?: "azure" },
) {
  const params: SiteToSiteParams = {
    region: "us-east-1",
    siteName: options.siteName,
    deviceIp: options.deviceIp,
    routing: { type: "bgp", asn: 65010 },
    onPremCidrs: ["192.168.0.0/16"],
    accelerated: false,
    cloud: options.cloud ?? null,
    tunnelInsideCidrs: [null, null],
    location: options.cloud ? "other_cloud" : "on_premises",
    deviceTypeId: "generic-ikev2",
  };
  const at = tick();
  const [row] = await db
    .insert(connections)
    .values({ tenantId, location: params.location, type: "site_to_site", label: options.siteName, params: { ...params }, status: options.stored, createdAt: at, updatedAt: at })
    .returning({ id: connections.id });
  if (!row) throw new Error("no connection");
  ids[name] = row.id;
  await db.insert(connectionProducts).values([
    { connectionId: row.id, productRegionId: product.ledger, position: 0 },
    { connectionId: row.id, productRegionId: product.analytics, position: 1 },
  ]);
  for (const run of options.runs) {
    const failed = run.status === "failed";
    await db.insert(planRuns).values({
      connectionId: row.id,
      tenantId,
      plan: "site-to-site",
      direction: run.direction,
      status: run.status,
      input: {},
      createdAt: tick(),
      errorStep: failed ? (run.errorStep ?? null) : null,
      errorCode: failed ? "VpnConnectionLimitExceeded" : null,
      errorMessage: failed ? "The maximum number of VPN connections has been reached." : null,
    });
  }
}

const byId = (rows: ConnectionListRow[]) => new Map(rows.map((r) => [r.id, r]));
const statusesOf = (rows: ConnectionListRow[]) => Object.fromEntries(Object.entries(ids).flatMap(([name, id]) => {
  const row = rows.find((r) => r.id === id);
  return row ? [[name, row.status]] : [];
}));

beforeAll(async () => {
  support = await createUser(db, { role: "provider_support" });
  const globex = await createTenant(db, "Globex Corporation");
  const initech = await createTenant(db, "Initech");
  tenant.globex = globex.id;
  tenant.initech = initech.id;
  globexAdmin = await createUser(db, { role: "customer_admin", tenantId: globex.id });
  initechAdmin = await createUser(db, { role: "customer_viewer", tenantId: initech.id });
  product.analytics = await productRegion("analytics", "Acme Analytics");
  product.ledger = await productRegion("ledger", "Acme Ledger");

  await privateLink("plAvailable", globex.id, "available", "111111111111", "vpce-0aaaaaaaaaaaaaaaa");
  await privateLink("plFailed", initech.id, "failed", "222222222222", null);
  await siteToSite("berlin", globex.id, { siteName: "Berlin DC", deviceIp: "198.51.100.7", stored: "available", runs: [{ direction: "provision", status: "succeeded" }] });
  await siteToSite("azure", globex.id, {
    siteName: "Azure West Europe",
    deviceIp: "203.0.113.9",
    stored: "provisioning",
    cloud: "azure",
    runs: [{ direction: "provision", status: "failed", errorStep: "vpnConnection" }],
  });
  await siteToSite("leaving", globex.id, {
    siteName: "Old branch",
    deviceIp: "203.0.113.20",
    stored: "removing",
    runs: [
      { direction: "provision", status: "failed", errorStep: "resolver" },
      { direction: "deprovision", status: "running" },
    ],
  });
  await siteToSite("paris", initech.id, { siteName: "Paris", deviceIp: "192.0.2.44", stored: "provisioning", runs: [{ direction: "provision", status: "waiting" }] });
  await siteToSite("fresh", initech.id, { siteName: "Lyon", deviceIp: "192.0.2.45", stored: "provisioning", runs: [] });
  await siteToSite("gone", initech.id, {
    siteName: "Closed site",
    deviceIp: "192.0.2.46",
    stored: "removed",
    runs: [
      { direction: "provision", status: "succeeded" },
      { direction: "deprovision", status: "succeeded" },
    ],
  });
});

describe("live status", () => {
  it("is computed for Site-to-Site from the latest plan run, as the connection page's status view does", async () => {
    const { rows } = await searchConnections(db, support, { page: 1, pageSize: 50 });
    expect(statusesOf(rows)).toEqual({
      plAvailable: "available",
      plFailed: "failed",
      berlin: "available",
      azure: "failed",
      leaving: "removing",
      paris: "provisioning",
      fresh: "provisioning",
      gone: "removed",
    });
    for (const name of ["berlin", "azure", "leaving", "paris", "fresh", "gone"]) {
      const id = ids[name] ?? "";
      const view = await siteToSiteStatusView(db, support, id);
      expect(byId(rows).get(id)?.status, name).toBe(view.status);
    }
  });
});

describe("listConnections", () => {
  it("lists the caller's own connections of both types, removed ones last", async () => {
    const rows = await listConnections(db, globexAdmin);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([ids.plAvailable, ids.berlin, ids.azure, ids.leaving]));
    expect(rows.every((r) => r.tenantId === tenant.globex)).toBe(true);

    const berlin = byId(rows).get(ids.berlin ?? "");
    expect(berlin).toMatchObject({
      type: "site_to_site",
      siteName: "Berlin DC",
      deviceIp: "198.51.100.7",
      location: "on_premises",
      cloud: null,
      products: ["Acme Ledger", "Acme Analytics"],
      region: "us-east-1",
      status: "available",
      failure: null,
    });
    expect(byId(rows).get(ids.azure ?? "")).toMatchObject({ location: "other_cloud", cloud: "azure", status: "failed", failure: { step: "vpnConnection", code: "VpnConnectionLimitExceeded" } });
    expect(byId(rows).get(ids.plAvailable ?? "")).toMatchObject({
      type: "privatelink",
      awsAccountId: "111111111111",
      vpcEndpointId: "vpce-0aaaaaaaaaaaaaaaa",
      products: ["Acme Analytics"],
      region: "us-east-1",
      status: "available",
    });

    const initechRows = await listConnections(db, initechAdmin);
    expect(initechRows.map((r) => r.id).at(-1)).toBe(ids.gone);
    expect(initechRows.every((r) => r.tenantId === tenant.initech)).toBe(true);
  });

  it("keeps tenants apart: another tenant's list is not found, support must name the tenant", async () => {
    await expect(listConnections(db, globexAdmin, tenant.initech)).rejects.toMatchObject({ code: "not_found" });
    await expect(listConnections(db, support)).rejects.toMatchObject({ code: "invalid_input" });
    const forSupport = await listConnections(db, support, tenant.initech);
    expect(new Set(forSupport.map((r) => r.id))).toEqual(new Set([ids.plFailed, ids.paris, ids.fresh, ids.gone]));
  });
});

describe("searchConnections", () => {
  const search = async (filter: Omit<Parameters<typeof searchConnections>[2], "page" | "pageSize">) => {
    const result = await searchConnections(db, support, { ...filter, page: 1, pageSize: 50 });
    expect(result.total).toBe(result.rows.length);
    return result.rows.map((r) => r.id);
  };

  it("filters by live status across types; failed Site-to-Site shows its failed step", async () => {
    expect(new Set(await search({ status: "failed" }))).toEqual(new Set([ids.plFailed, ids.azure]));
    expect(new Set(await search({ status: "available" }))).toEqual(new Set([ids.plAvailable, ids.berlin]));
    expect(new Set(await search({ status: "provisioning" }))).toEqual(new Set([ids.paris, ids.fresh]));
    expect(await search({ status: "removing" })).toEqual([ids.leaving]);
    expect(await search({ status: "removed" })).toEqual([ids.gone]);
    expect(await search({ status: "awaiting_endpoint" })).toEqual([]);

    const { rows } = await searchConnections(db, support, { status: "failed", type: "site_to_site", page: 1, pageSize: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: ids.azure, failure: { step: "vpnConnection", message: "The maximum number of VPN connections has been reached." } });
  });

  it("filters by type and tenant", async () => {
    expect(new Set(await search({ type: "privatelink" }))).toEqual(new Set([ids.plAvailable, ids.plFailed]));
    expect(new Set(await search({ type: "site_to_site", tenantId: tenant.initech }))).toEqual(new Set([ids.paris, ids.fresh, ids.gone]));
  });

  it("searches site names, device addresses, tenant names, accounts and endpoint IDs", async () => {
    expect(await search({ q: "berlin" })).toEqual([ids.berlin]);
    expect(await search({ q: "  AZURE west " })).toEqual([ids.azure]);
    expect(await search({ q: "198.51.100.7" })).toEqual([ids.berlin]);
    expect(await search({ q: "198.51.100.70" })).toEqual([]);
    expect(new Set(await search({ q: "initech" }))).toEqual(new Set([ids.plFailed, ids.paris, ids.fresh, ids.gone]));
    expect(await search({ q: "222222222222" })).toEqual([ids.plFailed]);
    expect(await search({ q: "VPCE-0AAAAAAAAAAAAAAAA" })).toEqual([ids.plAvailable]);
    // Wildcards are literal; a site name matches from its start only.
    expect(await search({ q: "%" })).toEqual([]);
    expect(await search({ q: "DC" })).toEqual([]);
    expect(await search({ q: "paris", status: "failed" })).toEqual([]);
  });

  it("pages by latest change, newest first, with the total of all matches", async () => {
    const all = await searchConnections(db, support, { page: 1, pageSize: 50 });
    expect(all.total).toBe(Object.keys(ids).length);
    const updated = all.rows.map((r) => r.updatedAt.getTime());
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const second = await searchConnections(db, support, { page: 2, pageSize: 3 });
    expect(second.total).toBe(all.total);
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(3, 6).map((r) => r.id));
    const failedPage = await searchConnections(db, support, { status: "failed", page: 2, pageSize: 1 });
    expect(failedPage).toMatchObject({ total: 2, rows: [expect.objectContaining({ status: "failed" })] });
  });

  it("is for provider staff only", async () => {
    await expect(searchConnections(db, globexAdmin, { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("counts", () => {
  it("counts live connections of both types per tenant and in total, leaving removed ones out", async () => {
    const perTenant = await countConnectionsByTenant(db, support, [tenant.globex, tenant.initech]);
    // Globex: PrivateLink and Berlin available, Azure failed, Old branch removing.
    expect(perTenant.get(tenant.globex)).toEqual({ available: 2, inProgress: 1, failed: 1 });
    // Initech: PrivateLink failed, Paris and Lyon provisioning, Closed site removed.
    expect(perTenant.get(tenant.initech)).toEqual({ available: 0, inProgress: 2, failed: 1 });
    expect(await countAllConnections(db, support)).toEqual({ available: 2, inProgress: 3, failed: 2 });

    const totals = await providerTotals(db, support);
    expect(totals.connections).toEqual({ available: 2, inProgress: 3, failed: 2 });
    const page = await listTenantsPage(db, support, { search: "globex" });
    expect(page.rows[0]?.connections).toEqual({ available: 2, inProgress: 1, failed: 1 });
  });

  it("is for provider staff only", async () => {
    await expect(countAllConnections(db, globexAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(countConnectionsByTenant(db, initechAdmin, [tenant.initech])).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("Client VPN rows", () => {
  let hooliAdmin: Caller;
  const cvpn = { live: "", failed: "" };

  beforeAll(async () => {
    const hooli = await createTenant(db, "Hooli");
    hooliAdmin = await createUser(db, { role: "customer_admin", tenantId: hooli.id });
    const clientVpn = async (region: string, run: Run) => {
      const at = tick();
      const [row] = await db
        .insert(connections)
        .values({ tenantId: hooli.id, location: "on_premises", type: "client_vpn", label: null, params: { region, productRegionIds: [product.analytics] }, status: "provisioning", createdAt: at, updatedAt: at })
        .returning({ id: connections.id });
      if (!row) throw new Error("no connection");
      await db.insert(connectionProducts).values({ connectionId: row.id, productRegionId: product.analytics, position: 0 });
      const failed = run.status === "failed";
      await db.insert(planRuns).values({
        connectionId: row.id,
        tenantId: hooli.id,
        plan: "client-vpn-connection",
        direction: run.direction,
        status: run.status,
        input: {},
        createdAt: tick(),
        errorStep: failed ? (run.errorStep ?? null) : null,
        errorCode: failed ? "ClientVpnEndpointLimitExceeded" : null,
        errorMessage: failed ? "AWS refused the request (ClientVpnEndpointLimitExceeded)." : null,
      });
      return { id: row.id, createdAt: at };
    };
    const live = await clientVpn("us-east-1", { direction: "provision", status: "succeeded" });
    cvpn.live = live.id;
    cvpn.failed = (await clientVpn("eu-west-1", { direction: "provision", status: "failed", errorStep: "environment" })).id;
    const device = (name: string, status: "active" | "revoked", createdAt: Date, expiresAt: Date | null = null) => ({
      tenantId: hooli.id,
      region: "us-east-1",
      clientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
      name,
      status,
      createdAt,
      expiresAt,
    });
    const before = new Date(live.createdAt.getTime() - 60_000);
    await db.insert(clientVpnDevices).values([
      device("laptop", "active", tick()),
      device("phone", "active", tick()),
      device("old laptop", "revoked", tick()),
      device("contractor", "active", tick(), new Date(Date.now() - 60_000)),
      // Of a Client VPN connection the tenant removed before this one: revoked then, and not this one's.
      device("from before", "active", before),
    ]);
  });

  it("lists them with type, region, products and the devices that can connect", async () => {
    const rows = byId(await listConnections(db, hooliAdmin));
    expect(rows.get(cvpn.live)).toMatchObject({ type: "client_vpn", region: "us-east-1", products: ["Acme Analytics"], status: "available", deviceCount: 2, failure: null });
    expect(rows.get(cvpn.failed)).toMatchObject({
      type: "client_vpn",
      region: "eu-west-1",
      status: "failed",
      deviceCount: 0,
      failure: { step: "environment", code: "ClientVpnEndpointLimitExceeded" },
    });
  });

  it("filters and counts them by their live status", async () => {
    const { rows } = await searchConnections(db, support, { type: "client_vpn", page: 1, pageSize: 10 });
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set([cvpn.live, cvpn.failed]));
    const failed = await searchConnections(db, support, { type: "client_vpn", status: "failed", page: 1, pageSize: 10 });
    expect(failed.rows.map((row) => row.id)).toEqual([cvpn.failed]);
    const perTenant = await countConnectionsByTenant(db, support, [hooliAdmin.tenantId ?? ""]);
    expect(perTenant.get(hooliAdmin.tenantId ?? "")).toEqual({ available: 1, inProgress: 0, failed: 1 });
    // The earlier tenants' 2 / 3 / 2 plus these two.
    expect(await countAllConnections(db, support)).toEqual({ available: 3, inProgress: 3, failed: 3 });
  });
});
