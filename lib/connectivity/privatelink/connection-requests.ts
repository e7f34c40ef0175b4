import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionEvents } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { createInterfaceEndpoint, deleteCustomerEndpoints, listCustomerEndpointIds, type CreatedEndpoint } from "@/lib/aws/customer-endpoints";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { findConnection, findOfferedProductRegion, insertConnection, markRemoving, markRetry } from "@/lib/dal/connections";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { runBounded } from "@/lib/connectivity/run-bounded";
import { allowlistConnection } from "./allowlist";
import type { PrivateLinkInput } from "./input";
import { reconcileNow, reconcileProductRegion } from "./reconciler";
import { recordConnectionEvent } from "./transitions";

/**
 * What people do to PrivateLink connections, on top of the tenant-scoped DAL. Each records intent
 * first, then does the cloud work inline for at most INLINE_MS so the page usually shows the result
 * at once; whatever does not finish is picked up by the reconciler.
 */
const INLINE_MS = 10_000;

export async function createPrivateLinkConnection(db: Db, caller: Caller, input: PrivateLinkInput): Promise<{ id: string }> {
  const connection = await insertConnection(db, caller, input);
  const service = await findOfferedProductRegion(db, connection.productRegionId);
  await runBounded(allowlistConnection(db, connection, service), INLINE_MS, "allow-listing");
  await reconcileNow(db, service.id);
  return { id: connection.id };
}

export async function removePrivateLinkConnection(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await markRemoving(db, caller, connectionId);
  await runBounded(reconcileProductRegion(db, connection.productRegionId), INLINE_MS, "removal");
}

export async function retryPrivateLinkConnection(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await markRetry(db, caller, connectionId);
  await runBounded(reconcileProductRegion(db, connection.productRegionId), INLINE_MS, "retry");
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
