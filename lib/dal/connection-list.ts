import "server-only";
import { and, count, desc, eq, inArray, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  PRIVATELINK_STATUSES,
  clientVpnDevices,
  connectionProducts,
  connections,
  planRuns,
  productRegions,
  products,
  tenants,
  type ConnectionStatus,
  type ConnectivityType,
  type CustomerLocation,
} from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { requireProviderStaff, tenantFor } from "@/lib/auth/tenant-scope";
import type { SiteToSiteLiveStatus } from "@/lib/connectivity/site-to-site/status-view";
import { parseIpv4 } from "@/lib/net/ipv4";

/**
 * Connections of every type as lists show them: the customer's own list, support's search across
 * tenants, and the counts on the support dashboard. One row shape and one live status for all
 * types, computed by the database so that filtering, counting and paging agree with each other.
 */

/** A PrivateLink connection's status is its stored one; a Site-to-Site or Client VPN one's is read from its latest plan run. */
export type ListedStatus = ConnectionStatus | SiteToSiteLiveStatus;

const SITE_TO_SITE_LIVE_STATUSES: readonly SiteToSiteLiveStatus[] = ["provisioning", "available", "failed", "removing", "removed"];

/** Every status a listed connection can have, in lifecycle order (for filters). */
export const LISTED_STATUSES: readonly ListedStatus[] = [
  "allowlisting",
  "awaiting_endpoint",
  "accepting",
  "provisioning",
  "available",
  "failed",
  "removing",
  "removed",
];

const LISTED: ReadonlySet<string> = new Set(LISTED_STATUSES);
const isListedStatus = (value: string): value is ListedStatus => LISTED.has(value);
const isPrivateLinkStatus = (status: ListedStatus): status is ConnectionStatus => (PRIVATELINK_STATUSES as readonly string[]).includes(status);
const isSiteToSiteLiveStatus = (status: ListedStatus): status is SiteToSiteLiveStatus => (SITE_TO_SITE_LIVE_STATUSES as readonly string[]).includes(status);

export const CONNECTIVITY_TYPES: readonly ConnectivityType[] = ["privatelink", "site_to_site", "client_vpn"];

/** The types provisioned by engine plans, whose live status comes from their latest run. */
const RUN_TYPES = ["site_to_site", "client_vpn"] as const satisfies readonly ConnectivityType[];
/**
 * Literals, not bound parameters: the test is part of the live status, which counts GROUP BY, and
 * PostgreSQL matches grouped expressions by their text (two parameters never compare equal).
 */
const RUN_TYPE_LIST = sql.raw(RUN_TYPES.map((type) => `'${type}'`).join(", "));
const runTyped = (type: AnyPgColumn) => sql`${type} in (${RUN_TYPE_LIST})`;

/** Why a connection is failed: the step (of Site-to-Site and Client VPN plans), AWS's or Onramp's code, a safe message. */
export interface ListedFailure {
  step: string | null;
  code: string | null;
  message: string | null;
}

interface ListedCommon {
  id: string;
  tenantId: string;
  tenantName: string;
  label: string | null;
  status: ListedStatus;
  /** Product names in the order the customer chose them. */
  products: string[];
  region: string;
  /** Set when the status is `failed`. */
  failure: ListedFailure | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ConnectionListRow =
  | (ListedCommon & { type: "privatelink"; awsAccountId: string; vpcEndpointId: string | null })
  | (ListedCommon & {
      type: "site_to_site";
      siteName: string;
      deviceIp: string;
      location: CustomerLocation;
      /** For location `other_cloud`: azure, gcp, oracle or other. */
      cloud: string | null;
      /** Lands on the provider's shared transit gateway rather than a virtual private gateway. */
      accelerated: boolean;
    })
  | (ListedCommon & {
      type: "client_vpn";
      /** The tenant's devices in the region that can connect now (not revoked or expired). */
      deviceCount: number;
    });

type StatusColumns = { id: AnyPgColumn; type: AnyPgColumn; status: AnyPgColumn };

/**
 * The latest plan run of connection `c`, joined laterally. PrivateLink rows skip the lookup: their
 * stored status is already live (and engine runs they may have are not what lists report). A join
 * rather than a scalar subquery so that PostgreSQL prices the lookup for the rows that reach it: a
 * subquery is priced for every row scanned, and over all connections that estimate alone crosses
 * the JIT threshold, whose compiling then costs more than the query.
 */
function latestRunOf(db: Db, c: StatusColumns, name: string) {
  return db
    .select({
      status: sql<string>`${planRuns.status}`.as(`${name}_status`),
      direction: sql<string>`${planRuns.direction}`.as(`${name}_direction`),
      errorStep: sql<string | null>`${planRuns.errorStep}`.as(`${name}_error_step`),
      errorCode: sql<string | null>`${planRuns.errorCode}`.as(`${name}_error_code`),
      errorMessage: sql<string | null>`${planRuns.errorMessage}`.as(`${name}_error_message`),
    })
    .from(planRuns)
    .where(and(eq(planRuns.connectionId, c.id), runTyped(c.type)))
    .orderBy(desc(planRuns.createdAt))
    .limit(1)
    .as(name);
}

type LatestRun = ReturnType<typeof latestRunOf>;

/**
 * The live status, the same rule as liveStatus in lib/connectivity/site-to-site/status-view.ts (and
 * lib/connectivity/client-vpn/status-view.ts):
 * stored `removed` is final; otherwise a failed latest run means failed, a removal run means
 * removing (removed once it succeeded), a provisioning run means provisioning (available once it
 * succeeded). With no run yet, the stored status says whether it is being built or removed.
 */
function liveStatusOf(c: StatusColumns, run: LatestRun): SQL<string> {
  return sql<string>`case
    when not (${runTyped(c.type)}) then ${c.status}
    when ${c.status} = 'removed' then 'removed'
    when ${run.status} is null then case when ${c.status} = 'removing' then 'removing' else 'provisioning' end
    when ${run.status} = 'failed' then 'failed'
    when ${run.direction} = 'deprovision' then case when ${run.status} = 'succeeded' then 'removed' else 'removing' end
    when ${run.status} = 'succeeded' then 'available'
    else 'provisioning'
  end`;
}

/**
 * The Site-to-Site and Client VPN connections whose live status is `status`, a set PostgreSQL
 * builds once and probes; the run lookup runs for those rows only.
 */
function runTypedWithStatus(db: Db, status: SiteToSiteLiveStatus) {
  const planned = alias(connections, "planned");
  const run = latestRunOf(db, planned, "planned_run");
  return db
    .select({ id: planned.id })
    .from(planned)
    .leftJoinLateral(run, sql`true`)
    .where(
      and(runTyped(planned.type), status === "removed" ? undefined : ne(planned.status, "removed"), sql`${liveStatusOf(planned, run)} = ${status}`),
    );
}

/** Connections whose live status is `status`; PrivateLink's half is a plain test on stored columns. */
function statusIs(db: Db, status: ListedStatus): SQL | undefined {
  return or(
    isPrivateLinkStatus(status) ? and(eq(connections.type, "privatelink"), eq(connections.status, status)) : undefined,
    isSiteToSiteLiveStatus(status) ? inArray(connections.id, runTypedWithStatus(db, status)) : undefined,
  );
}

/** A Site-to-Site or Client VPN connection's products, in the customer's order; PrivateLink's one comes from the join. */
const chosenProducts = sql<unknown>`(
  select coalesce(json_agg(${products.name} order by ${connectionProducts.position}), '[]'::json)
  from ${connectionProducts}
  join ${productRegions} on ${productRegions.id} = ${connectionProducts.productRegionId}
  join ${products} on ${products.id} = ${productRegions.productId}
  where ${connectionProducts.connectionId} = ${connections.id}
)`;

/**
 * A Client VPN connection's usable devices: the tenant's in its region, added since it was created
 * (a removed connection's devices were revoked, so a later one in the region starts at zero).
 */
const clientVpnDeviceCount = sql<number>`(
  select count(*) from ${clientVpnDevices}
  where ${clientVpnDevices.tenantId} = ${connections.tenantId}
    and ${clientVpnDevices.region} = ${connections.params}->>'region'
    and ${clientVpnDevices.status} = 'active'
    and (${clientVpnDevices.expiresAt} is null or ${clientVpnDevices.expiresAt} > now())
    and ${clientVpnDevices.createdAt} >= ${connections.createdAt}
)`;

/** The list's columns; every caller narrows it to a page or a tenant first, as the projection is not cheap. */
function selectRows(db: Db) {
  const run = latestRunOf(db, connections, "latest_run");
  return db
    .select({
      id: connections.id,
      tenantId: connections.tenantId,
      tenantName: tenants.name,
      type: connections.type,
      location: connections.location,
      label: connections.label,
      status: liveStatusOf(connections, run),
      awsAccountId: connections.awsAccountId,
      vpcEndpointId: connections.vpcEndpointId,
      siteName: sql<string | null>`${connections.params}->>'siteName'`,
      deviceIp: sql<string | null>`${connections.params}->>'deviceIp'`,
      cloud: sql<string | null>`${connections.params}->>'cloud'`,
      accelerated: sql<boolean>`coalesce((${connections.params}->>'accelerated')::boolean, false)`,
      privateLinkProduct: products.name,
      privateLinkRegion: productRegions.region,
      paramsRegion: sql<string | null>`${connections.params}->>'region'`,
      chosenProducts: sql<unknown>`case when ${runTyped(connections.type)} then ${chosenProducts} end`,
      deviceCount: sql<number>`case when ${connections.type} = 'client_vpn' then ${clientVpnDeviceCount} end`.mapWith(Number),
      errorCode: connections.errorCode,
      errorMessage: connections.errorMessage,
      runErrorStep: run.errorStep,
      runErrorCode: run.errorCode,
      runErrorMessage: run.errorMessage,
      createdAt: connections.createdAt,
      updatedAt: connections.updatedAt,
    })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .leftJoin(productRegions, eq(productRegions.id, connections.productRegionId))
    .leftJoin(products, eq(products.id, productRegions.productId))
    .leftJoinLateral(run, sql`true`);
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRows>["execute"]>>[number];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function toListRow(row: SelectedRow): ConnectionListRow {
  const { status } = row;
  if (!isListedStatus(status)) throw new Error(`Connection ${row.id} has an unknown status "${status}".`);
  const failed = status === "failed";
  const common = {
    id: row.id,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    label: row.label,
    status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (row.type === "site_to_site") {
    if (row.siteName === null || row.deviceIp === null || row.paramsRegion === null) {
      throw new Error(`Connection ${row.id} does not hold Site-to-Site data.`);
    }
    return {
      ...common,
      type: "site_to_site",
      siteName: row.siteName,
      deviceIp: row.deviceIp,
      location: row.location,
      cloud: row.cloud,
      accelerated: row.accelerated,
      products: stringList(row.chosenProducts),
      region: row.paramsRegion,
      failure: failed ? { step: row.runErrorStep, code: row.runErrorCode, message: row.runErrorMessage } : null,
    };
  }
  if (row.type === "client_vpn") {
    if (row.paramsRegion === null) throw new Error(`Connection ${row.id} does not hold Client VPN data.`);
    return {
      ...common,
      type: "client_vpn",
      deviceCount: row.deviceCount ?? 0,
      products: stringList(row.chosenProducts),
      region: row.paramsRegion,
      failure: failed ? { step: row.runErrorStep, code: row.runErrorCode, message: row.runErrorMessage } : null,
    };
  }
  if (row.awsAccountId === null || row.privateLinkProduct === null || row.privateLinkRegion === null) {
    throw new Error(`Connection ${row.id} is not a PrivateLink connection.`);
  }
  return {
    ...common,
    type: "privatelink",
    awsAccountId: row.awsAccountId,
    vpcEndpointId: row.vpcEndpointId,
    products: [row.privateLinkProduct],
    region: row.privateLinkRegion,
    failure: failed ? { step: null, code: row.errorCode, message: row.errorMessage } : null,
  };
}

const TENANT_LIST_LIMIT = 500;

/** The caller's tenant's connections of every type, newest first (removed ones last). */
export async function listConnections(db: Db, caller: Caller, tenantId?: string): Promise<ConnectionListRow[]> {
  const scope = tenantFor(caller, tenantId);
  const rows = await selectRows(db)
    .where(eq(connections.tenantId, scope))
    .orderBy(sql`${connections.status} = 'removed'`, desc(connections.createdAt), desc(connections.id))
    .limit(TENANT_LIST_LIMIT);
  return rows.map(toListRow);
}

export interface ConnectionSearch {
  type?: ConnectivityType;
  status?: ListedStatus;
  /**
   * A 12-digit AWS account ID, an endpoint ID (vpce-…), a VPN device's IPv4 address, or the start
   * of a tenant's name or of a Site-to-Site site name.
   */
  q?: string;
  tenantId?: string;
  page: number;
  pageSize: number;
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

function matches(q: string): SQL | undefined {
  if (/^\d{12}$/.test(q)) return eq(connections.awsAccountId, q);
  if (/^vpce-[0-9a-f]+$/i.test(q)) return eq(connections.vpcEndpointId, q.toLowerCase());
  if (parseIpv4(q) !== null) return and(eq(connections.type, "site_to_site"), sql`${connections.params}->>'deviceIp' = ${q}`);
  const prefix = `${escapeLike(q.toLowerCase())}%`;
  return or(
    sql`lower(${tenants.name}) like ${prefix}`,
    and(eq(connections.type, "site_to_site"), sql`lower(${connections.params}->>'siteName') like ${prefix}`),
  );
}

/** All tenants' connections for provider staff, filtered and paged (latest change first). */
export async function searchConnections(db: Db, caller: Caller, filter: ConnectionSearch): Promise<{ rows: ConnectionListRow[]; total: number }> {
  requireProviderStaff(caller);
  const q = filter.q?.trim();
  const where = and(
    filter.type ? eq(connections.type, filter.type) : undefined,
    filter.status ? statusIs(db, filter.status) : undefined,
    filter.tenantId ? eq(connections.tenantId, filter.tenantId) : undefined,
    q ? matches(q) : undefined,
  );
  const newestFirst = [desc(connections.updatedAt), desc(connections.id)];
  // The page is chosen on the cheap columns first; only its rows get products, runs and errors.
  const pageIds = db
    .select({ id: connections.id })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(where)
    .orderBy(...newestFirst)
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [rows, [total]] = await Promise.all([
    selectRows(db).where(inArray(connections.id, pageIds)).orderBy(...newestFirst),
    db.select({ n: count() }).from(connections).innerJoin(tenants, eq(tenants.id, connections.tenantId)).where(where),
  ]);
  return { rows: rows.map(toListRow), total: total?.n ?? 0 };
}

/** Connection counts as support reads them; removed connections are history, not load. */
export interface ConnectionCounts {
  available: number;
  inProgress: number;
  failed: number;
}

export const emptyCounts = (): ConnectionCounts => ({ available: 0, inProgress: 0, failed: 0 });

function bucketOf(status: ListedStatus): keyof ConnectionCounts | null {
  switch (status) {
    case "available":
      return "available";
    case "failed":
      return "failed";
    case "removed":
      return null;
    case "allowlisting":
    case "awaiting_endpoint":
    case "accepting":
    case "provisioning":
    case "removing":
      return "inProgress";
  }
}

function tally(grouped: Array<{ key: string; status: string; n: number }>): Map<string, ConnectionCounts> {
  const result = new Map<string, ConnectionCounts>();
  for (const row of grouped) {
    if (!isListedStatus(row.status)) throw new Error(`A connection has an unknown status "${row.status}".`);
    const bucket = bucketOf(row.status);
    if (!bucket) continue;
    const counts = result.get(row.key) ?? emptyCounts();
    counts[bucket] += row.n;
    result.set(row.key, counts);
  }
  return result;
}

// Stored `removed` rows are left out in SQL: they are the bulk of an old tenant's rows and never count.
const notRemoved = ne(connections.status, "removed");

/** Each given tenant's live connections by bucket (one dashboard page); tenants without any are absent. */
export async function countConnectionsByTenant(db: Db, caller: Caller, tenantIds: string[]): Promise<Map<string, ConnectionCounts>> {
  requireProviderStaff(caller);
  if (tenantIds.length === 0) return new Map();
  const run = latestRunOf(db, connections, "latest_run");
  const live = liveStatusOf(connections, run);
  const grouped = await db
    .select({ key: connections.tenantId, status: live, n: count() })
    .from(connections)
    .leftJoinLateral(run, sql`true`)
    .where(and(inArray(connections.tenantId, tenantIds), notRemoved))
    .groupBy(connections.tenantId, live);
  return tally(grouped);
}

/** All tenants' live connections by bucket, for the dashboard's totals. */
export async function countAllConnections(db: Db, caller: Caller): Promise<ConnectionCounts> {
  requireProviderStaff(caller);
  // By type, so the run lookup is planned for the run-provisioned rows only (see latestRunOf).
  const run = latestRunOf(db, connections, "latest_run");
  const live = liveStatusOf(connections, run);
  const [privateLink, planned] = await Promise.all([
    db.select({ status: connections.status, n: count() }).from(connections).where(and(notInArray(connections.type, [...RUN_TYPES]), notRemoved)).groupBy(connections.status),
    db
      .select({ status: live, n: count() })
      .from(connections)
      .leftJoinLateral(run, sql`true`)
      .where(and(runTyped(connections.type), notRemoved))
      .groupBy(live),
  ]);
  return tally([...privateLink, ...planned].map((row) => ({ ...row, key: "all" }))).get("all") ?? emptyCounts();
}
