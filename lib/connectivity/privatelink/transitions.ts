import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { PRIVATELINK_STATUSES, connectionEvents, connections, type ConnectionStatus, type SiteToSiteStatus } from "@/db/schema";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";

type StoredConnection = typeof connections.$inferSelect;

/** A PrivateLink connection row: the columns other types leave empty are known to be set. */
export type ConnectionRow = Omit<StoredConnection, "type" | "productRegionId" | "awsAccountId" | "status"> & {
  type: "privatelink";
  productRegionId: string;
  awsAccountId: string;
  status: ConnectionStatus;
};

const PRIVATELINK_STATUS_SET: ReadonlySet<string> = new Set(PRIVATELINK_STATUSES);

/**
 * Statuses of a connection whose account needs its allow-listing, and whose endpoints Onramp
 * accepts. A failed connection counts: its error is for support to fix, not a reason to cut it off.
 */
export const NEEDS_ACCESS: readonly ConnectionStatus[] = ["allowlisting", "awaiting_endpoint", "accepting", "available", "failed"];

export function isPrivateLinkStatus(status: ConnectionStatus | SiteToSiteStatus): status is ConnectionStatus {
  return PRIVATELINK_STATUS_SET.has(status);
}

/**
 * Narrows a stored row to a PrivateLink one. Callers select PrivateLink rows only, and the table's
 * check constraint guarantees the fields, so a failure here is a bug, not a user error.
 */
export function asPrivateLinkRow(row: StoredConnection): ConnectionRow {
  const { type, productRegionId, awsAccountId, status } = row;
  if (type !== "privatelink" || productRegionId === null || awsAccountId === null || !isPrivateLinkStatus(status)) {
    throw new Error(`Connection ${row.id} is not a PrivateLink connection.`);
  }
  return { ...row, type, productRegionId, awsAccountId, status };
}
type ConnectionChanges = Partial<Pick<ConnectionRow, "vpcEndpointId" | "endpointDnsEntries" | "errorCode" | "errorMessage" | "availableAt" | "removedAt">>;

export interface Transition {
  connectionId: string;
  /** The statuses the change applies from; if the row moved on meanwhile, nothing happens. */
  from: readonly ConnectionStatus[];
  to: ConnectionStatus;
  set?: ConnectionChanges;
  event: { kind: string; message: string };
  /** Null when the system (the reconciler) makes the change. */
  actor: Caller | null;
  audit?: Omit<AuditEntry, "tenantId" | "targetType" | "targetId">;
  /** More writes that must happen with the change or not at all (e.g. starting the engine's run). */
  within?: (tx: Tx, row: ConnectionRow) => Promise<void>;
}

/**
 * Moves a connection from one status to another as a compare-and-set, with its history event and
 * (optionally) an audit row in the same transaction. A concurrent change wins over a stale one:
 * e.g. a customer removing a connection while the reconciler was about to mark it available.
 */
export async function transition(db: DbOrTx, t: Transition): Promise<ConnectionRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(connections)
      .set({ ...t.set, status: t.to, updatedAt: new Date() })
      .where(and(eq(connections.id, t.connectionId), eq(connections.type, "privatelink"), inArray(connections.status, [...t.from])))
      .returning();
    if (!row) return null;
    await tx.insert(connectionEvents).values({
      connectionId: row.id,
      kind: t.event.kind,
      message: t.event.message,
      actorUserId: t.actor?.userId ?? null,
    });
    if (t.audit) {
      await recordAudit(tx, t.actor, { ...t.audit, tenantId: row.tenantId, targetType: "connection", targetId: row.id });
    }
    const moved = asPrivateLinkRow(row);
    await t.within?.(tx, moved);
    return moved;
  });
}

/** Updates details of a connection without a status change (e.g. a new DNS entry), no event. */
export async function updateConnectionDetails(db: Db, connectionId: string, status: ConnectionStatus, set: ConnectionChanges): Promise<void> {
  await db
    .update(connections)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.status, status)));
}

/** A history entry that is not a status change (e.g. "simulated an endpoint"), with its audit row. */
export async function recordConnectionEvent(
  db: Db,
  connection: { id: string; tenantId: string },
  event: { kind: string; message: string },
  actor: Caller | null,
  audit?: Omit<AuditEntry, "tenantId" | "targetType" | "targetId">,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(connectionEvents).values({ connectionId: connection.id, kind: event.kind, message: event.message, actorUserId: actor?.userId ?? null });
    if (audit) await recordAudit(tx, actor, { ...audit, tenantId: connection.tenantId, targetType: "connection", targetId: connection.id });
  });
}
