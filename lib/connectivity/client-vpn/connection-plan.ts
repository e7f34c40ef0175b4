import { z } from "zod";
import type { Db } from "@/db/client";
import { AwsResponseError } from "@/lib/aws/errors";
import { waitFor } from "@/lib/connectivity/site-to-site/step-env";
import { definePlan, type Plan, type StepOutcome } from "@/lib/engine/plan";
import { AppError } from "@/lib/errors";
import { markClientVpnAvailable, markClientVpnRemoved } from "./connection-lifecycle";
import { clientVpnParams } from "./connection-record";
import { startClientVpnEnvironment } from "./environments";
import type { ClientVpnPlanInput } from "./plan-input";
import { environmentRun, liveEnvironment } from "./region-environment";

/**
 * A tenant's Client VPN connection on the engine. It makes nothing in AWS of its own: the first
 * step has the region's shared environment built if there is none yet (one for every tenant of the
 * region) and waits until it is available; then the connection is ready for devices. Its removal
 * revokes the tenant's devices in the region and leaves the environment to the others.
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

/** The region's environment, started when there is none: concurrent tenants' steps end up sharing one. */
async function ensureEnvironment(deps: ClientVpnConnectionDeps, region: string) {
  const db = deps.db();
  const existing = await liveEnvironment(db, region);
  if (existing) return existing;
  try {
    await startClientVpnEnvironment(db, deps.environmentPlan, region);
  } catch (error) {
    // Another tenant's step started it first (a conflict); any other refusal is this step's failure.
    if (!(error instanceof AppError)) throw error;
    const started = await liveEnvironment(db, region);
    if (started) return started;
    throw new AwsResponseError(error.code === "conflict" ? "IncorrectState" : "InvalidParameterValue", error.message);
  }
  const started = await liveEnvironment(db, region);
  if (!started) throw new Error(`The Client VPN environment of ${region} vanished as it was started.`);
  return started;
}

async function environmentReady(deps: ClientVpnConnectionDeps, region: string): Promise<StepOutcome<{ environmentId: string }>> {
  const environment = await ensureEnvironment(deps, region);
  if (environment.status === "available") return { done: { environmentId: environment.id } };
  if (environment.status === "removing") {
    throw new AwsResponseError("IncorrectState", `The provider is removing the Client VPN environment of ${region}.`);
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
        run: (ctx) => environmentReady(deps, ctx.input.region),
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
