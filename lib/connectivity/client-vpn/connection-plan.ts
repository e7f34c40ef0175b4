import { z } from "zod";
import type { Db } from "@/db/client";
import { AwsResponseError } from "@/lib/aws/errors";
import { waitFor } from "@/lib/connectivity/landing-network/step-env";
import { definePlan, type Plan, type StepOutcome } from "@/lib/engine/plan";
import { AppError } from "@/lib/errors";
import { markClientVpnAvailable, markClientVpnRemoved } from "./connection-lifecycle";
import { clientVpnParams } from "./connection-record";
import type { ClientVpnPlanInput } from "./plan-input";
import { placeClientVpnConnection } from "./placement";
import { environmentRun, placedEnvironment } from "./region-environment";

/**
 * A tenant's Client VPN connection on the engine. It makes nothing in AWS of its own: the request
 * placed it on an environment of the region's pool (placement.ts), starting one when none had
 * room; the first step waits until that environment is available; then the connection is ready
 * for devices. Its removal revokes the tenant's devices in the region and leaves the environment
 * to the others.
 *
 *   environment ─> activate
 */
export const CLIENT_VPN_CONNECTION_PLAN = "client-vpn-connection";

export const clientVpnConnectionOutputs = {
  environment: z.object({ environmentId: z.string() }),
  activate: z.object({}),
};

export interface ClientVpnConnectionDeps {
  db(): Db;
  /** The plan that builds a region's shared environment (its runs belong to the provider). */
  environmentPlan: Plan<ClientVpnPlanInput>;
}

const ENVIRONMENT_RECHECK_MS = 5_000;

/**
 * The connection's environment. A connection recorded before the pool existed is placed here; a
 * full pool fails the step with the placement's message, for support to retry once there is room.
 */
async function ensurePlaced(deps: ClientVpnConnectionDeps, connectionId: string) {
  const db = deps.db();
  const placed = await placedEnvironment(db, connectionId);
  if (placed) return placed;
  try {
    await db.transaction((tx) => placeClientVpnConnection(tx, deps.environmentPlan, connectionId));
  } catch (error) {
    if (error instanceof AppError) throw new AwsResponseError(error.code === "conflict" ? "ClientVpnEndpointLimitExceeded" : "InvalidParameterValue", error.message);
    throw error;
  }
  const started = await placedEnvironment(db, connectionId);
  if (!started) throw new Error(`The Client VPN environment of connection ${connectionId} vanished as it was placed.`);
  return started;
}

async function environmentReady(deps: ClientVpnConnectionDeps, connectionId: string): Promise<StepOutcome<{ environmentId: string }>> {
  const environment = await ensurePlaced(deps, connectionId);
  const region = environment.region;
  if (environment.status === "available") return { done: { environmentId: environment.id } };
  if (environment.status === "removing") {
    throw new AwsResponseError("IncorrectState", `The provider is removing the Client VPN environment this connection is placed on in ${region}.`);
  }
  const run = await environmentRun(deps.db(), environment.id);
  if (run?.status === "failed") {
    throw new AwsResponseError(run.error?.code ?? "Unknown", `Building the shared Client VPN environment failed at step ${run.error?.step ?? "unknown"}.`);
  }
  const building = run?.steps.filter((step) => step.status === "running" || step.status === "waiting").map((step) => step.name) ?? [];
  const doing = building.length > 0 ? ` (${building.join(", ")})` : "";
  return waitFor(`Building the shared Client VPN environment of ${region}${doing}.`, ENVIRONMENT_RECHECK_MS);
}

export function createClientVpnConnectionPlan(deps: ClientVpnConnectionDeps) {
  return definePlan({
    name: CLIENT_VPN_CONNECTION_PLAN,
    input: clientVpnParams,
    outputs: clientVpnConnectionOutputs,
    steps: {
      environment: {
        dependsOn: [],
        run: (ctx) => environmentReady(deps, ctx.connectionId),
        async undo(ctx) {
          await markClientVpnRemoved(deps.db(), ctx.connectionId);
          return { done: {} };
        },
      },
      activate: {
        dependsOn: ["environment"],
        async run(ctx) {
          await markClientVpnAvailable(deps.db(), ctx.connectionId);
          return { done: {} };
        },
      },
    },
  });
}
