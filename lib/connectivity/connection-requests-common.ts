import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { connectionEvents, connectionProducts, connections, planRuns } from "@/db/schema";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import type { Plan } from "@/lib/engine/plan";
import { latestRun, retryRun, startDeprovision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { AppError } from "@/lib/errors";

/**
 * What the plan-driven connection types (Site-to-Site, Client VPN) write alike when people ask for,
 * remove or retry a connection: the same rows, history events and audit entries, so support reads
 * every type's history the same way.
 */

export function invalid(field: string, message: string): AppError {
  return new AppError("invalid_input", message, { [field]: [message] });
}

export interface ConnectionRequest {
  tenantId: string;
  type: "site_to_site" | "client_vpn";
  location: "on_premises" | "other_cloud";
  label: string | null;
  params: NonNullable<(typeof connections.$inferInsert)["params"]>;
  /** The chosen products, in the customer's order. */
  productRegionIds: readonly string[];
  /** The first line of the connection's history. */
  message: string;
  auditDetail: NonNullable<AuditEntry["detail"]>;
}

/** Inside the caller's transaction: the connection row, its products, its first event and the audit entry. Returns its id. */
export async function insertRequestedConnection(tx: DbOrTx, caller: Caller, request: ConnectionRequest): Promise<string> {
  const [row] = await tx
    .insert(connections)
    .values({
      tenantId: request.tenantId,
      location: request.location,
      type: request.type,
      label: request.label,
      params: request.params,
      status: "provisioning",
      createdBy: caller.userId,
    })
    .returning({ id: connections.id });
  if (!row) throw new Error("Inserting a connection returned no row.");
  await tx.insert(connectionProducts).values(request.productRegionIds.map((productRegionId, position) => ({ connectionId: row.id, productRegionId, position })));
  await tx.insert(connectionEvents).values({ connectionId: row.id, kind: "requested", message: request.message, actorUserId: caller.userId });
  await recordAudit(tx, caller, {
    action: "connection.create",
    tenantId: request.tenantId,
    targetType: "connection",
    targetId: row.id,
    detail: { type: request.type, ...request.auditDetail },
  });
  return row.id;
}

interface ConnectionRef {
  id: string;
  tenantId: string;
  status: string;
}

/**
 * Moves the connection to removing and starts the plan's removal run, atomically. When nothing of
 * the plan had started there is nothing to undo, and `markRemoved` completes the removal at once.
 */
export async function startConnectionRemoval(
  db: Db,
  caller: Caller,
  connection: ConnectionRef,
  plan: Plan,
  markRemoved: (tx: DbOrTx, connectionId: string) => Promise<void>,
): Promise<void> {
  const already = () => new AppError("conflict", "This connection is already being removed.");
  if (connection.status === "removing" || connection.status === "removed") throw already();
  const connectionId = connection.id;
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(connections)
      .set({ status: "removing", updatedAt: new Date() })
      .where(and(eq(connections.id, connectionId), inArray(connections.status, ["provisioning", "available"])))
      .returning({ id: connections.id });
    if (moved.length === 0) throw already();
    await tx.insert(connectionEvents).values({ connectionId, kind: "removing", message: "Removal requested.", actorUserId: caller.userId });
    await recordAudit(tx, caller, { action: "connection.remove", tenantId: connection.tenantId, targetType: "connection", targetId: connectionId });
    const runId = await startDeprovision(tx, plan, { connectionId });
    const [run] = await tx.select({ status: planRuns.status }).from(planRuns).where(eq(planRuns.id, runId));
    if (run?.status === "succeeded") await markRemoved(tx, connectionId);
  });
  wakeLocalWorkers();
}

export type FailedRun = typeof planRuns.$inferSelect & { status: "failed" };

const notRetryable = () => new AppError("conflict", "Only a failed connection can be retried.");

/** The connection's latest run, which support may retry only when it failed. */
export async function failedRunToRetry(db: DbOrTx, connectionId: string): Promise<FailedRun> {
  const run = await latestRun(db, connectionId);
  if (!run || run.status !== "failed") throw notRetryable();
  return { ...run, status: "failed" };
}

export interface RetryExtras {
  /** More facts for the audit entry. */
  auditDetail?: NonNullable<AuditEntry["detail"]>;
  /** Runs that must continue first, in the same transaction. */
  before?: (tx: Db) => Promise<void>;
}

/** Support's retry: the failed run continues from its failed step, with its history event and audit entry. */
export async function retryFailedConnection(db: Db, caller: Caller, connection: ConnectionRef, run: FailedRun, extras: RetryExtras = {}): Promise<void> {
  const connectionId = connection.id;
  await db.transaction(async (tx) => {
    await tx.insert(connectionEvents).values({
      connectionId,
      kind: "retry",
      message: `Support retried the ${run.direction === "provision" ? "provisioning" : "removal"} from step ${run.errorStep ?? "unknown"}.`,
      actorUserId: caller.userId,
    });
    await recordAudit(tx, caller, {
      action: "connection.retry",
      tenantId: connection.tenantId,
      targetType: "connection",
      targetId: connectionId,
      detail: { step: run.errorStep, previousError: run.errorCode, ...extras.auditDetail },
    });
    await extras.before?.(tx);
    if (!(await retryRun(tx, run.id))) throw notRetryable();
  });
  wakeLocalWorkers();
}
