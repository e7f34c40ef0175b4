import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { connectionEvents, planRuns } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { createInterfaceEndpoint, deleteCustomerEndpoints, listCustomerEndpointIds, type CreatedEndpoint } from "@/lib/aws/customer-endpoints";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { findConnection, insertConnection, markRemoving, markRetry, type Retry } from "@/lib/dal/connections";
import { latestRun, retryRun, startDeprovision, startProvision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { runBounded } from "@/lib/connectivity/run-bounded";
import type { PrivateLinkInput } from "./input";
import { privateLinkPlan } from "./plan";
import { planInputFor } from "./plan-input";
import { reconcileProductRegion } from "./reconciler";
import { recordConnectionEvent, transition, type ConnectionRow } from "./transitions";

/**
 * What people do to PrivateLink connections, on top of the tenant-scoped DAL. Creating, removing
 * and retrying record the intent and the engine's run in one transaction and return; the engine
 * does the AWS work (lib/connectivity/privatelink/plan.ts) and the page follows it by polling.
 * The reconciler's work (accepting endpoints) is done inline for at most INLINE_MS where a person
 * asked for it, so the page usually shows the result at once.
 */
const INLINE_MS = 10_000;

async function startAllowListing(tx: Tx, connection: ConnectionRow, service: { region: string; serviceId: string; serviceName: string }): Promise<void> {
  await startProvision(tx, privateLinkPlan, { connectionId: connection.id, tenantId: connection.tenantId, input: planInputFor(connection, service) });
}

export async function createPrivateLinkConnection(db: Db, caller: Caller, input: PrivateLinkInput): Promise<{ id: string }> {
  const connection = await insertConnection(db, caller, input, startAllowListing);
  // startProvision woke the workers inside the transaction, before they could see the run.
  wakeLocalWorkers();
  return { id: connection.id };
}

/** Starts the removal: the engine rejects the account's endpoints and revokes it unless still needed. */
export async function removePrivateLinkConnection(db: Db, caller: Caller, connectionId: string): Promise<void> {
  await markRemoving(db, caller, connectionId, async (tx, connection) => {
    const runId = await startDeprovision(tx, privateLinkPlan, { connectionId });
    const [run] = await tx.select({ status: planRuns.status }).from(planRuns).where(eq(planRuns.id, runId));
    if (run?.status !== "succeeded") return;
    // The allow-listing never started, so AWS holds nothing of this connection: it is removed now.
    await transition(tx, {
      connectionId: connection.id,
      from: ["removing"],
      to: "removed",
      set: { removedAt: new Date() },
      event: { kind: "removed", message: "Removed before Onramp had allowed the account." },
      actor: null,
      audit: { action: "connection.removed", detail: { revoked: false } },
    });
  });
  wakeLocalWorkers();
}

/**
 * Support's retry. A failed run continues from where it stopped (allow-listing, or the removal);
 * a connection whose run had succeeded (AWS refused to accept its endpoint) is allow-listed
 * again, which also re-checks the permission, and handed back to the reconciler.
 */
export async function retryPrivateLinkConnection(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const detail = await findConnection(db, caller, connectionId);
  const run = await latestRun(db, connectionId);
  let retry: Retry;
  if (run?.status === "failed") {
    const removal = run.direction === "deprovision";
    retry = {
      to: removal ? "removing" : "allowlisting",
      message: `Support retried the ${removal ? "removal" : "allow-listing"}.`,
      async start(tx) {
        if (!(await retryRun(tx, run.id))) throw new AppError("conflict", "Only a failed connection can be retried.");
      },
    };
  } else {
    retry = {
      to: "allowlisting",
      message: "Support retried the connection from allow-listing.",
      start: (tx, connection) => startAllowListing(tx, connection, detail),
    };
  }
  await markRetry(db, caller, connectionId, retry);
  wakeLocalWorkers();
}

/** Support's "Reconcile now": re-reads the connection's endpoint service from AWS at once. */
export async function reconcileConnectionNow(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findConnection(db, caller, connectionId);
  await recordConnectionEvent(db, connection, { kind: "reconcile", message: "Support asked Onramp to re-check AWS now." }, caller, {
    action: "connection.reconcile",
  });
  await runBounded(reconcileProductRegion(db, connection.productRegionId), INLINE_MS, "reconcile");
}

function requireSandbox(): void {
  // With real AWS the simulation does not exist at all; say "not found" rather than "forbidden".
  if (!isSandbox) throw new AppError("not_found", "Not found.");
}

function cloudError(error: unknown, what: string): AppError {
  if (!isTransient(error)) console.error(`[onramp] ${what} failed (${awsErrorCode(error)})`);
  return new AppError("cloud_error", safeAwsMessage(error));
}

/**
 * Sandbox only: does the customer's own step, creating the interface endpoint from their account
 * in the zones the service runs in (matched by zone ID), then lets the reconciler accept it.
 */
export async function simulateCustomerEndpoint(db: Db, caller: Caller, connectionId: string): Promise<{ vpcEndpointId: string }> {
  requireSandbox();
  const connection = await findConnection(db, caller, connectionId);
  if (connection.status !== "awaiting_endpoint") {
    throw new AppError("conflict", "The endpoint can be created once the connection is waiting for it.");
  }
  // A fresh token per attempt: the same token again would return the endpoint deleted earlier.
  const [attempts] = await db
    .select({ n: count() })
    .from(connectionEvents)
    .where(and(eq(connectionEvents.connectionId, connectionId), eq(connectionEvents.kind, "simulated_endpoint")));
  let created: CreatedEndpoint;
  try {
    created = await createInterfaceEndpoint(connection.awsAccountId, connection.region, {
      serviceName: connection.serviceName,
      zoneIds: connection.zoneIds,
      privateDnsEnabled: connection.privateDnsName !== null,
      clientToken: `${connection.id}-${attempts?.n ?? 0}`,
    });
  } catch (error) {
    throw cloudError(error, "simulated CreateVpcEndpoint");
  }
  await recordConnectionEvent(
    db,
    connection,
    { kind: "simulated_endpoint", message: `Sandbox: created interface endpoint ${created.vpcEndpointId} from account ${connection.awsAccountId}.` },
    caller,
    { action: "connection.simulate_endpoint", detail: { vpcEndpointId: created.vpcEndpointId } },
  );
  await runBounded(reconcileProductRegion(db, connection.productRegionId), INLINE_MS, "reconcile after simulated endpoint");
  return { vpcEndpointId: created.vpcEndpointId };
}

/** Sandbox only: the customer deletes their interface endpoint(s) to this service. */
export async function deleteSimulatedEndpoint(db: Db, caller: Caller, connectionId: string): Promise<{ deleted: number }> {
  requireSandbox();
  const connection = await findConnection(db, caller, connectionId);
  if (connection.status === "removed") throw new AppError("conflict", "This connection was removed.");
  let ids: string[];
  try {
    ids = await listCustomerEndpointIds(connection.awsAccountId, connection.region, connection.serviceName);
    await deleteCustomerEndpoints(connection.awsAccountId, connection.region, ids);
  } catch (error) {
    throw cloudError(error, "simulated DeleteVpcEndpoints");
  }
  if (ids.length === 0) throw new AppError("conflict", "Your account has no endpoint to this service.");
  await recordConnectionEvent(
    db,
    connection,
    { kind: "simulated_endpoint_deleted", message: `Sandbox: deleted interface endpoint ${ids.join(", ")} from account ${connection.awsAccountId}.` },
    caller,
    { action: "connection.simulate_endpoint_delete", detail: { count: ids.length } },
  );
  await runBounded(reconcileProductRegion(db, connection.productRegionId), INLINE_MS, "reconcile after simulated delete");
  return { deleted: ids.length };
}
