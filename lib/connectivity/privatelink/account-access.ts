import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections } from "@/db/schema";
import { allowPrincipal, listEndpointConnections, principalArn, revokePrincipal } from "@/lib/aws/endpoint-services";
import { awsErrorCode, isNotFound } from "@/lib/aws/errors";
import type { StepOutcome } from "@/lib/engine/plan";
import {
  ACTIVE_STATES,
  auditEndpoint,
  recordEndpointConnections,
  rejectEndpoints,
  setDecision,
  type ServiceRef,
  type TrackedEndpoint,
} from "./endpoint-connections";
import type { PrivateLinkPlanInput } from "./plan-input";
import { reconcileNow } from "./reconciler";
import { NEEDS_ACCESS, transition } from "./transitions";

/**
 * The PrivateLink plan's one step: the account's access to the product's endpoint service.
 * Provisioning allows the account's principal; removal takes it away again, with the account's
 * endpoints, unless another connection of the same account to the same service still needs them.
 */
export interface AccessEnv {
  readonly input: PrivateLinkPlanInput;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly runId: string;
  readonly stepName: string;
}

/** Where tests can stop a worker: as the step starts, and around each change made at AWS. */
export type AccessCheckpoint = "start" | "after-allow" | "before-reject" | "before-revoke" | "after-revoke";

export interface PrivateLinkDeps {
  db(): Db;
  /** Awaited at each AccessCheckpoint, so tests can stop a worker exactly there. */
  checkpoint?(at: { runId: string; stepName: string; point: AccessCheckpoint }): Promise<void>;
}

function checkpoints(deps: PrivateLinkDeps, env: AccessEnv): (point: AccessCheckpoint) => Promise<void> | undefined {
  return (point) => deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point });
}

function serviceOf(input: PrivateLinkPlanInput): ServiceRef {
  return { id: input.productRegionId, region: input.region, serviceId: input.serviceId };
}

/**
 * Allows the account on the service (AWS is asked only when the permission is missing, so a retry
 * or a resume changes nothing twice), then hands the connection to the reconciler, which accepts
 * the customer's endpoint when it comes.
 */
export async function allowAccount(deps: PrivateLinkDeps, env: AccessEnv): Promise<StepOutcome<{ principal: string }>> {
  const at = checkpoints(deps, env);
  const { productRegionId, region, serviceId, serviceName, awsAccountId } = env.input;
  const db = deps.db();
  await at("start");
  await allowPrincipal(region, serviceId, awsAccountId);
  await at("after-allow");
  const moved = await transition(db, {
    connectionId: env.connectionId,
    from: ["allowlisting"],
    to: "awaiting_endpoint",
    set: { errorCode: null, errorMessage: null },
    event: { kind: "allowlisted", message: `Allowed ${principalArn(awsAccountId)} on ${serviceName}. Waiting for your interface endpoint.` },
    actor: null,
    audit: { action: "connection.allowlist", detail: { serviceId, awsAccountId } },
  });
  if (moved) await reconcileNow(db, productRegionId);
  return { done: { principal: principalArn(awsAccountId) } };
}

/** Whether a connection other than this one, of the same account to the same service, needs the access. */
async function neededByAnother(db: Db, env: AccessEnv): Promise<boolean> {
  const [other] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.productRegionId, env.input.productRegionId),
        eq(connections.awsAccountId, env.input.awsAccountId),
        ne(connections.id, env.connectionId),
        inArray(connections.status, [...NEEDS_ACCESS]),
      ),
    )
    .limit(1);
  return other !== undefined;
}

async function activeEndpointsOf(db: Db, service: ServiceRef, accountId: string): Promise<TrackedEndpoint[]> {
  const endpoints: TrackedEndpoint[] = [];
  for await (const page of listEndpointConnections(service.region, service.serviceId)) {
    const own = page.filter((e) => e.ownerAccountId === accountId && ACTIVE_STATES.includes(e.state));
    endpoints.push(...(await recordEndpointConnections(db, service, own)));
  }
  return endpoints;
}

/** InvalidVpcEndpointServiceId.NotFound and its older spelling: the provider deleted the service. */
function isServiceGone(error: unknown): boolean {
  return isNotFound(error) && awsErrorCode(error).startsWith("InvalidVpcEndpointService");
}

type Withdrawal = "revoked" | "still_needed" | "service_gone";

const REMOVED_MESSAGES: Record<Withdrawal, string> = {
  revoked: "Removed. The account's permission was revoked and its endpoints were rejected.",
  still_needed: "Removed. The account stays allowed because another connection still uses it.",
  service_gone: "Removed. The endpoint service no longer exists, so there was nothing to revoke.",
};

async function rejectAndRevoke(deps: PrivateLinkDeps, env: AccessEnv): Promise<Withdrawal> {
  const at = checkpoints(deps, env);
  const db = deps.db();
  const service = serviceOf(env.input);
  const { awsAccountId } = env.input;
  if (await neededByAnother(db, env)) return "still_needed";
  const endpoints = await activeEndpointsOf(db, service, awsAccountId);
  await at("before-reject");
  if (endpoints.length > 0) {
    await rejectEndpoints(service, endpoints);
    await setDecision(db, endpoints, "rejected", env.connectionId);
    for (const e of endpoints) await auditEndpoint(db, service, e, "endpoint.reject", env.tenantId, "connection removed");
  }
  await at("before-revoke");
  await revokePrincipal(service.region, service.serviceId, awsAccountId);
  await at("after-revoke");
  // Another connection of the account may have been requested meanwhile, its allow-listing having
  // seen the permission still there: give it back rather than leave that connection without it.
  if (await neededByAnother(db, env)) {
    await allowPrincipal(service.region, service.serviceId, awsAccountId);
    return "still_needed";
  }
  return "revoked";
}

/**
 * Rejects the account's endpoints and revokes its principal, then marks the connection removed.
 * Both AWS calls are no-ops when already done, and a service already gone has nothing to take away.
 */
export async function withdrawAccount(deps: PrivateLinkDeps, env: AccessEnv): Promise<StepOutcome<Record<string, never>>> {
  await checkpoints(deps, env)("start");
  let outcome: Withdrawal;
  try {
    outcome = await rejectAndRevoke(deps, env);
  } catch (error) {
    if (!isServiceGone(error)) throw error;
    outcome = "service_gone";
  }
  await transition(deps.db(), {
    connectionId: env.connectionId,
    from: ["removing"],
    to: "removed",
    set: { removedAt: new Date() },
    event: { kind: "removed", message: REMOVED_MESSAGES[outcome] },
    actor: null,
    audit: { action: "connection.removed", detail: { serviceId: env.input.serviceId, revoked: outcome === "revoked" } },
  });
  return { done: {} };
}
