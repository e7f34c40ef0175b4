import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { endpointConnections, type EndpointDecision, type productRegions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { rejectEndpointConnections, type EndpointConnection, type EndpointConnectionState, type ItemFailure } from "@/lib/aws/endpoint-services";
import { AwsResponseError } from "@/lib/aws/errors";

/**
 * Onramp's record of the endpoint connections AWS lists on an endpoint service, and the decisions
 * it takes on them. Shared by the reconciler (which accepts, holds and rejects as endpoints come)
 * and the PrivateLink plan's removal (which rejects the endpoints of an account it stops serving).
 */
export type ServiceRef = Pick<typeof productRegions.$inferSelect, "id" | "region" | "serviceId">;

export interface TrackedEndpoint extends EndpointConnection {
  rowId: string;
  decision: EndpointDecision | null;
  connectionId: string | null;
}

/** States in which an endpoint connection carries (or is about to carry) traffic. */
export const ACTIVE_STATES: readonly EndpointConnectionState[] = ["pendingAcceptance", "pending", "available"];

/** Per-id failures that only mean "it changed under us"; the next look sees the new state. */
export function isBenign(failure: ItemFailure): boolean {
  return failure.code.endsWith(".NotFound") || failure.code.includes("InvalidState") || failure.code === "InvalidVpcEndpointState";
}

/** Stores what AWS listed (new rows, or the latest state of known ones) and returns them with their decisions. */
export async function recordEndpointConnections(db: DbOrTx, service: ServiceRef, page: EndpointConnection[]): Promise<TrackedEndpoint[]> {
  if (page.length === 0) return [];
  const now = new Date();
  const rows = await db
    .insert(endpointConnections)
    .values(
      page.map((e) => ({
        productRegionId: service.id,
        vpcEndpointId: e.vpcEndpointId,
        ownerAccountId: e.ownerAccountId,
        awsState: e.state,
        dnsEntries: e.dnsEntries,
        awsCreatedAt: e.createdAt,
        firstSeenAt: now,
        lastSeenAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [endpointConnections.productRegionId, endpointConnections.vpcEndpointId],
      set: {
        ownerAccountId: sql`excluded.owner_account_id`,
        awsState: sql`excluded.aws_state`,
        dnsEntries: sql`excluded.dns_entries`,
        lastSeenAt: now,
      },
    })
    .returning({
      id: endpointConnections.id,
      vpcEndpointId: endpointConnections.vpcEndpointId,
      decision: endpointConnections.decision,
      connectionId: endpointConnections.connectionId,
    });
  const byEndpoint = new Map(rows.map((r) => [r.vpcEndpointId, r]));
  return page.map((e) => {
    const row = byEndpoint.get(e.vpcEndpointId);
    if (!row) throw new Error("upsert lost an endpoint connection");
    return { ...e, rowId: row.id, decision: row.decision, connectionId: row.connectionId };
  });
}

export async function setDecision(db: DbOrTx, endpoints: TrackedEndpoint[], decision: EndpointDecision, connectionId: string | null): Promise<void> {
  if (endpoints.length === 0) return;
  await db
    .update(endpointConnections)
    .set({ decision, decidedAt: new Date(), decidedBy: null, connectionId })
    .where(inArray(endpointConnections.id, endpoints.map((e) => e.rowId)));
  for (const e of endpoints) {
    e.decision = decision;
    e.connectionId = connectionId;
  }
}

export async function auditEndpoint(
  db: DbOrTx,
  service: ServiceRef,
  e: TrackedEndpoint,
  action: string,
  tenantId: string | null,
  reason: string,
): Promise<void> {
  await recordAudit(db, null, {
    action,
    tenantId,
    targetType: "endpoint_connection",
    targetId: e.vpcEndpointId,
    detail: { serviceId: service.serviceId, ownerAccountId: e.ownerAccountId, reason },
  });
}

/** Rejects endpoint connections at AWS; throws on a failure that is not just a stale state. */
export async function rejectEndpoints(service: ServiceRef, endpoints: TrackedEndpoint[]): Promise<void> {
  const failures = (await rejectEndpointConnections(service.region, service.serviceId, endpoints.map((e) => e.vpcEndpointId))).filter(
    (f) => !isBenign(f),
  );
  if (failures.length > 0) throw new AwsResponseError(failures[0]?.code ?? "Unknown", "RejectVpcEndpointConnections refused an endpoint.");
  for (const e of endpoints) e.state = "rejected";
}
