import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, endpointConnections, productRegions, type ConnectionStatus } from "@/db/schema";
import {
  acceptEndpointConnections,
  listEndpointConnections,
  providerOwnedEndpointIds,
  type EndpointConnection,
  type EndpointConnectionState,
} from "@/lib/aws/endpoint-services";
import { getUnknownEndpointPolicy } from "@/lib/dal/provider-settings";
import {
  ACTIVE_STATES,
  auditEndpoint,
  isBenign,
  recordEndpointConnections,
  rejectEndpoints,
  setDecision,
  type TrackedEndpoint,
} from "./endpoint-connections";
import { NEEDS_ACCESS, asPrivateLinkRow, transition, updateConnectionDetails, type ConnectionRow } from "./transitions";

type ProductRegionRow = typeof productRegions.$inferSelect;

/** Statuses the reconciler moves on by itself, from what AWS reports. */
const TRACKED: readonly ConnectionStatus[] = ["awaiting_endpoint", "accepting", "available"];

export interface PassResult {
  /** Something will change soon without anyone acting (AWS provisioning an accepted endpoint). */
  inFlight: boolean;
}

async function loadConnections(db: Db, productRegionId: string): Promise<ConnectionRow[]> {
  const rows = await db
    .select()
    .from(connections)
    .where(and(eq(connections.productRegionId, productRegionId), eq(connections.type, "privatelink"), ne(connections.status, "removed")))
    .orderBy(asc(connections.createdAt), asc(connections.id));
  return rows.map(asPrivateLinkRow);
}

/** Step: match endpoint connections to connections; accept ours, reject or hold strangers'. */
async function processEndpoints(db: Db, service: ProductRegionRow, all: ConnectionRow[], endpoints: TrackedEndpoint[]): Promise<void> {
  const liveByAccount = new Map<string, ConnectionRow>();
  const removingAccounts = new Set<string>();
  for (const c of all) {
    // Oldest first, so when two tenants name one account the earlier request owns its endpoints.
    if (NEEDS_ACCESS.includes(c.status) && !liveByAccount.has(c.awsAccountId)) liveByAccount.set(c.awsAccountId, c);
    if (c.status === "removing") removingAccounts.add(c.awsAccountId);
  }
  const policy = await getUnknownEndpointPolicy(db);

  const toAccept: TrackedEndpoint[] = [];
  const toRejectUnknown: TrackedEndpoint[] = [];
  const toHold: TrackedEndpoint[] = [];
  const toLink = new Map<string, TrackedEndpoint[]>();
  for (const e of endpoints) {
    const owner = liveByAccount.get(e.ownerAccountId);
    if (owner) {
      if (e.connectionId !== owner.id) toLink.set(owner.id, [...(toLink.get(owner.id) ?? []), e]);
      if (owner.status !== "failed" && e.state === "pendingAcceptance") toAccept.push(e);
      continue;
    }
    if (removingAccounts.has(e.ownerAccountId) || e.decision !== null) continue;
    if (e.state === "pendingAcceptance" && policy === "reject") toRejectUnknown.push(e);
    // An active endpoint nobody asked for (or one accepted outside Onramp) goes to support, never cut off blindly.
    else if (ACTIVE_STATES.includes(e.state)) toHold.push(e);
  }

  for (const [connectionId, linked] of toLink) {
    await db.update(endpointConnections).set({ connectionId }).where(inArray(endpointConnections.id, linked.map((e) => e.rowId)));
    for (const e of linked) e.connectionId = connectionId;
  }

  if (toAccept.length > 0) {
    const failures = await acceptEndpointConnections(service.region, service.serviceId, toAccept.map((e) => e.vpcEndpointId));
    const failed = new Map(failures.map((f) => [f.resourceId, f]));
    for (const e of toAccept) {
      const failure = failed.get(e.vpcEndpointId);
      const owner = liveByAccount.get(e.ownerAccountId);
      if (!owner) continue;
      if (!failure) {
        e.state = "pending";
        await setDecision(db, [e], "accepted", owner.id);
        await auditEndpoint(db, service, e, "endpoint.accept", owner.tenantId, "owner account belongs to the tenant");
      } else if (!isBenign(failure)) {
        const row = await transition(db, {
          connectionId: owner.id,
          from: TRACKED,
          to: "failed",
          set: { errorCode: failure.code, errorMessage: `AWS refused to accept endpoint ${e.vpcEndpointId} (${failure.code}).` },
          event: { kind: "failed", message: `Accepting endpoint ${e.vpcEndpointId} failed (${failure.code}).` },
          actor: null,
          audit: { action: "connection.fail", detail: { step: "accept", code: failure.code } },
        });
        if (row) owner.status = "failed";
      }
    }
  }

  if (toRejectUnknown.length > 0) {
    await rejectEndpoints(service, toRejectUnknown);
    await setDecision(db, toRejectUnknown, "rejected", null);
    for (const e of toRejectUnknown) await auditEndpoint(db, service, e, "endpoint.reject", null, "owner account belongs to no tenant");
  }
  if (toHold.length > 0) {
    await setDecision(db, toHold, "held", null);
    for (const e of toHold) await auditEndpoint(db, service, e, "endpoint.hold", null, "owner account belongs to no tenant");
  }

  await deriveStatuses(db, all, endpoints);
}

const STATE_RANK: Partial<Record<EndpointConnectionState, number>> = { available: 3, pending: 2, pendingAcceptance: 1 };

/** Step: each tracked connection's status follows its best endpoint connection. */
async function deriveStatuses(db: Db, all: ConnectionRow[], endpoints: TrackedEndpoint[]): Promise<void> {
  const byConnection = new Map<string, TrackedEndpoint[]>();
  for (const e of endpoints) if (e.connectionId) byConnection.set(e.connectionId, [...(byConnection.get(e.connectionId) ?? []), e]);

  for (const c of all.filter((x) => TRACKED.includes(x.status))) {
    const mine = byConnection.get(c.id) ?? [];
    // Prefer the most advanced endpoint; on a tie, the one the connection already shows.
    const score = (e: TrackedEndpoint) => (STATE_RANK[e.state] ?? 0) * 2 + (e.vpcEndpointId === c.vpcEndpointId ? 1 : 0);
    const best = mine
      .filter((e) => (STATE_RANK[e.state] ?? 0) > 0 && (e.state !== "pendingAcceptance" || e.decision === "accepted"))
      .sort((a, b) => score(b) - score(a))[0];
    if (best?.state === "available") {
      if (c.status === "available" && c.vpcEndpointId === best.vpcEndpointId) {
        if (JSON.stringify(c.endpointDnsEntries) !== JSON.stringify(best.dnsEntries)) {
          await updateConnectionDetails(db, c.id, "available", { endpointDnsEntries: best.dnsEntries });
        }
        continue;
      }
      await transition(db, {
        connectionId: c.id,
        from: [c.status],
        to: "available",
        set: { vpcEndpointId: best.vpcEndpointId, endpointDnsEntries: best.dnsEntries, availableAt: c.availableAt ?? new Date(), errorCode: null, errorMessage: null },
        event: { kind: "available", message: `Endpoint ${best.vpcEndpointId} is available.` },
        actor: null,
        audit: { action: "connection.available", detail: { vpcEndpointId: best.vpcEndpointId } },
      });
    } else if (best) {
      if (c.status === "accepting" && c.vpcEndpointId === best.vpcEndpointId) continue;
      await transition(db, {
        connectionId: c.id,
        from: [c.status],
        to: "accepting",
        set: { vpcEndpointId: best.vpcEndpointId, endpointDnsEntries: best.dnsEntries },
        event: { kind: "accepting", message: `Accepted endpoint ${best.vpcEndpointId}; AWS is provisioning it.` },
        actor: null,
      });
    } else if (c.status !== "awaiting_endpoint") {
      const last = mine.find((e) => e.vpcEndpointId === c.vpcEndpointId);
      await transition(db, {
        connectionId: c.id,
        from: [c.status],
        to: "awaiting_endpoint",
        set: { endpointDnsEntries: [] },
        event: {
          kind: "endpoint_lost",
          message: last
            ? `Endpoint ${last.vpcEndpointId} is ${last.state}. Waiting for a new interface endpoint.`
            : `Endpoint ${c.vpcEndpointId ?? ""} is gone. Waiting for a new interface endpoint.`,
        },
        actor: null,
      });
    }
  }
}

/**
 * One reconciliation of one endpoint service: read every endpoint connection from AWS and act on
 * it. Allow-listing and removals are not done here: they are steps of the PrivateLink plan, which
 * the provisioning engine runs and retries. `renewLease` is called between AWS pages so a long pass
 * keeps its claim. Transient AWS errors propagate; the caller backs off and retries.
 */
export async function reconcilePass(db: Db, service: ProductRegionRow, renewLease: () => Promise<void>): Promise<PassResult> {
  const pages: EndpointConnection[][] = [];
  for await (const page of listEndpointConnections(service.region, service.serviceId)) {
    pages.push(page);
    await renewLease();
  }
  // Read after the connections, so every provider-owned endpoint listed above is known here.
  const providerOwned = await providerOwnedEndpointIds(service.region, service.serviceId);
  const endpoints: TrackedEndpoint[] = [];
  for (const page of pages) {
    endpoints.push(...(await recordEndpointConnections(db, service, page.filter((e) => !providerOwned.has(e.vpcEndpointId)))));
    await renewLease();
  }

  await processEndpoints(db, service, await loadConnections(db, service.id), endpoints);

  const after = await loadConnections(db, service.id);
  const inFlight = after.some((c) => c.status === "accepting") || endpoints.some((e) => e.state === "pending" || e.state === "deleting");
  return { inFlight };
}
