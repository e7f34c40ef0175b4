import "server-only";
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import {
  connectionEvents,
  connections,
  productRegions,
  products,
  tenants,
  users,
  type ConnectionStatus,
  type EndpointDnsEntry,
  type SiteToSiteStatus,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant, tenantFor } from "@/lib/auth/tenant-scope";
import { OFFERED_PRODUCT_REGION_MESSAGE, type PrivateLinkInput } from "@/lib/connectivity/privatelink/input";
import type { ConnectionStatusView } from "@/lib/connectivity/privatelink/status-view";
import { asPrivateLinkRow, isPrivateLinkStatus, transition, type ConnectionRow } from "@/lib/connectivity/privatelink/transitions";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "./unique-violation";

/** A tenant may hold this many connections that are not removed; more is almost surely a mistake. */
export const MAX_LIVE_CONNECTIONS_PER_TENANT = 100;

/** Refuses a new connection when the tenant already holds the most it may. */
export async function assertRoomForConnection(db: DbOrTx, tenantId: string): Promise<void> {
  const [live] = await db
    .select({ n: count() })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), ne(connections.status, "removed")));
  if ((live?.n ?? 0) >= MAX_LIVE_CONNECTIONS_PER_TENANT) {
    throw new AppError("conflict", `Your organisation already has ${MAX_LIVE_CONNECTIONS_PER_TENANT} connections. Remove one first.`);
  }
}

export interface ConnectionSummary {
  id: string;
  tenantId: string;
  tenantName: string;
  label: string | null;
  awsAccountId: string;
  status: ConnectionStatus;
  productName: string;
  region: string;
  vpcEndpointId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConnectionDetail extends ConnectionSummary {
  productRegionId: string;
  serviceId: string;
  serviceName: string;
  privateDnsName: string | null;
  zoneIds: string[];
  ports: number[];
  endpointDnsEntries: EndpointDnsEntry[];
  errorCode: string | null;
  errorMessage: string | null;
  availableAt: Date | null;
  removedAt: Date | null;
}

export interface ConnectionEventView {
  id: number;
  at: Date;
  kind: string;
  message: string;
  /** Null when Onramp itself did it. */
  actorName: string | null;
}

const summaryColumns = {
  id: connections.id,
  tenantId: connections.tenantId,
  tenantName: tenants.name,
  label: connections.label,
  awsAccountId: connections.awsAccountId,
  status: connections.status,
  productName: products.name,
  region: productRegions.region,
  vpcEndpointId: connections.vpcEndpointId,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
};

const detailColumns = {
  ...summaryColumns,
  productRegionId: connections.productRegionId,
  serviceId: productRegions.serviceId,
  serviceName: productRegions.serviceName,
  privateDnsName: productRegions.privateDnsName,
  zoneIds: productRegions.zoneIds,
  ports: productRegions.ports,
  endpointDnsEntries: connections.endpointDnsEntries,
  errorCode: connections.errorCode,
  errorMessage: connections.errorMessage,
  availableAt: connections.availableAt,
  removedAt: connections.removedAt,
};

/** These pages and actions serve PrivateLink; other types have their own (lib/connectivity/<type>). */
const isPrivateLink = eq(connections.type, "privatelink");

function selectDetails(db: Db) {
  return db
    .select(detailColumns)
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .innerJoin(productRegions, eq(productRegions.id, connections.productRegionId))
    .innerJoin(products, eq(products.id, productRegions.productId));
}

/**
 * The columns only PrivateLink fills, known to be set: the queries select PrivateLink rows and the
 * table's check constraint holds the rest, so a mismatch is a bug.
 */
function privateLinkFields<R extends { id: string; awsAccountId: string | null; status: ConnectionStatus | SiteToSiteStatus }>(
  row: R,
): Omit<R, "awsAccountId" | "status"> & { awsAccountId: string; status: ConnectionStatus } {
  const { awsAccountId, status } = row;
  if (awsAccountId === null || !isPrivateLinkStatus(status)) throw new Error(`Connection ${row.id} is not a PrivateLink connection.`);
  return { ...row, awsAccountId, status };
}

/** A connection the caller may see; another tenant's is "not found", like one that does not exist. */
export async function findConnection(db: Db, caller: Caller, connectionId: string): Promise<ConnectionDetail> {
  const [row] = await selectDetails(db).where(and(eq(connections.id, connectionId), isPrivateLink)).limit(1);
  if (!row || !canSeeTenant(caller, row.tenantId)) throw new AppError("not_found", "This connection does not exist.");
  const { productRegionId } = row;
  if (productRegionId === null) throw new Error(`Connection ${row.id} has no product region.`);
  return { ...privateLinkFields(row), productRegionId };
}

export async function listConnectionEvents(db: Db, caller: Caller, connectionId: string): Promise<ConnectionEventView[]> {
  await findConnection(db, caller, connectionId);
  return db
    .select({ id: connectionEvents.id, at: connectionEvents.at, kind: connectionEvents.kind, message: connectionEvents.message, actorName: users.name })
    .from(connectionEvents)
    .leftJoin(users, eq(users.id, connectionEvents.actorUserId))
    .where(eq(connectionEvents.connectionId, connectionId))
    .orderBy(asc(connectionEvents.at), asc(connectionEvents.id))
    .limit(500);
}

export async function findOfferedProductRegion(db: Db, productRegionId: string) {
  const [row] = await db.select().from(productRegions).where(eq(productRegions.id, productRegionId)).limit(1);
  if (!row || !row.acceptanceRequired) {
    throw new AppError("invalid_input", OFFERED_PRODUCT_REGION_MESSAGE, { productRegionId: [OFFERED_PRODUCT_REGION_MESSAGE] });
  }
  return row;
}

const DUPLICATE_MESSAGE = "This account already has a connection to this product in this region.";

type ProductRegionRow = typeof productRegions.$inferSelect;

/**
 * Records a customer's request for a PrivateLink connection: the row (status `allowlisting`), its
 * first history event, the audit row, and what `start` writes (the engine's run), atomically.
 */
export async function insertConnection(
  db: Db,
  caller: Caller,
  input: PrivateLinkInput,
  start: (tx: Tx, connection: ConnectionRow, service: ProductRegionRow) => Promise<void>,
): Promise<ConnectionRow> {
  const tenantId = tenantFor(caller);
  const service = await findOfferedProductRegion(db, input.productRegionId);
  const live = and(eq(connections.tenantId, tenantId), ne(connections.status, "removed"));
  const [duplicate] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(live, isPrivateLink, eq(connections.productRegionId, service.id), eq(connections.awsAccountId, input.awsAccountId)))
    .limit(1);
  if (duplicate) throw new AppError("conflict", DUPLICATE_MESSAGE, { awsAccountId: [DUPLICATE_MESSAGE] });
  await assertRoomForConnection(db, tenantId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(connections)
        .values({
          tenantId,
          location: "aws",
          type: "privatelink",
          productRegionId: service.id,
          awsAccountId: input.awsAccountId,
          label: input.label || null,
          status: "allowlisting",
          createdBy: caller.userId,
        })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      const connection = asPrivateLinkRow(row);
      await tx.insert(connectionEvents).values({
        connectionId: row.id,
        kind: "requested",
        message: `Requested PrivateLink to ${service.serviceName} for AWS account ${input.awsAccountId}.`,
        actorUserId: caller.userId,
      });
      await recordAudit(tx, caller, {
        action: "connection.create",
        tenantId,
        targetType: "connection",
        targetId: row.id,
        detail: { awsAccountId: input.awsAccountId, serviceId: service.serviceId, region: service.region },
      });
      await start(tx, connection, service);
      return connection;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", DUPLICATE_MESSAGE, { awsAccountId: [DUPLICATE_MESSAGE] });
    throw error;
  }
}

/** Marks a connection for removal, with what `start` writes (the engine's removal run), atomically. */
export async function markRemoving(
  db: Db,
  caller: Caller,
  connectionId: string,
  start: (tx: Tx, connection: ConnectionRow) => Promise<void>,
): Promise<ConnectionDetail> {
  const connection = await findConnection(db, caller, connectionId);
  const moved = await transition(db, {
    connectionId,
    from: ["allowlisting", "awaiting_endpoint", "accepting", "available", "failed"],
    to: "removing",
    event: { kind: "removing", message: "Removal requested." },
    actor: caller,
    audit: { action: "connection.remove", detail: { awsAccountId: connection.awsAccountId } },
    within: start,
  });
  if (!moved) throw new AppError("conflict", "This connection is already being removed.");
  return connection;
}

export interface Retry {
  /** Where the connection goes back to: allow-listing, or the removal that failed. */
  to: "allowlisting" | "removing";
  /** What support is retrying, for the history. */
  message: string;
  /** The engine's side of the retry, written with the status change. */
  start: (tx: Tx, connection: ConnectionRow) => Promise<void>;
}

/** Support's retry of a failed connection. */
export async function markRetry(db: Db, caller: Caller, connectionId: string, retry: Retry): Promise<ConnectionDetail> {
  const connection = await findConnection(db, caller, connectionId);
  const moved = await transition(db, {
    connectionId,
    from: ["failed"],
    to: retry.to,
    set: { errorCode: null, errorMessage: null },
    event: { kind: "retry", message: retry.message },
    actor: caller,
    audit: { action: "connection.retry", detail: { previousError: connection.errorCode } },
    within: retry.start,
  });
  if (!moved) throw new AppError("conflict", "Only a failed connection can be retried.");
  return connection;
}

/** The live view the connection page polls (status route). */
export async function connectionStatusView(db: Db, caller: Caller, connectionId: string): Promise<ConnectionStatusView> {
  const c = await findConnection(db, caller, connectionId);
  const events = await listConnectionEvents(db, caller, connectionId);
  return {
    id: c.id,
    status: c.status,
    vpcEndpointId: c.vpcEndpointId,
    dnsEntries: c.endpointDnsEntries,
    errorCode: c.errorCode,
    errorMessage: c.errorMessage,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    availableAt: c.availableAt?.toISOString() ?? null,
    removedAt: c.removedAt?.toISOString() ?? null,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
