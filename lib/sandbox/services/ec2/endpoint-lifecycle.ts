import type { ActionContext } from "@/lib/sandbox/services/service";
import type { EndpointRecord } from "@/lib/sandbox/state/schema";

/**
 * Interface endpoint state machine, as AWS reports it:
 *   (acceptance required) pendingAcceptance --accept--> pending --(time)--> available
 *   (auto-accepted)       pending --(time)--> available
 *   pendingAcceptance | pending | available --reject--> rejected
 *   any --delete--> deleting --(time)--> deleted
 * Timed steps are stored as "done at" instants and evaluated on read: no timers, restart-safe.
 */
export type EndpointState = "pendingAcceptance" | "pending" | "available" | "rejected" | "deleting" | "deleted";

/** AWS keeps listing a deleted endpoint for a while before it disappears. */
const DELETED_RETENTION_MS = 10 * 60 * 1000;

export function endpointState(endpoint: EndpointRecord, now: number): EndpointState {
  switch (endpoint.status) {
    case "pendingAcceptance":
    case "rejected":
      return endpoint.status;
    case "pending":
      return now >= (endpoint.readyAt ?? 0) ? "available" : "pending";
    case "deleting":
      return now >= (endpoint.deletedAt ?? 0) ? "deleted" : "deleting";
  }
}

/** Still holds network interfaces and blocks deleting its subnets, groups and VPC. */
export function isLiveEndpoint(endpoint: EndpointRecord, now: number): boolean {
  return endpointState(endpoint, now) !== "deleted";
}

/** Still shown by Describe calls. */
export function isListedEndpoint(endpoint: EndpointRecord, now: number): boolean {
  return endpointState(endpoint, now) !== "deleted" || now < (endpoint.deletedAt ?? 0) + DELETED_RETENTION_MS;
}

export function startProvisioning(context: ActionContext, endpoint: EndpointRecord): void {
  endpoint.status = "pending";
  endpoint.readyAt = context.now + context.timing.endpointProvisionMs(context.prng);
}

export function reject(endpoint: EndpointRecord): void {
  endpoint.status = "rejected";
  endpoint.readyAt = undefined;
}

export function startDeletion(context: ActionContext, endpoint: EndpointRecord): void {
  endpoint.status = "deleting";
  endpoint.deletedAt = context.now + context.timing.endpointDeletionMs(context.prng);
}
