import type { ACMClient } from "@aws-sdk/client-acm";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { Db } from "@/db/client";
import type { StepCheckpoint } from "@/lib/connectivity/site-to-site/step-env";
import type { ResourceLedger } from "@/lib/engine/adopt";
import type { ClientVpnPlanInput } from "./plan-input";

/**
 * What the Client VPN environment's steps share: the part of the engine's step context they use,
 * and the dependencies the plan is built with (AWS clients, database, and the checkpoint tests cut
 * in at, as in the Site-to-Site plan).
 */
export interface StepEnv extends ResourceLedger {
  readonly input: ClientVpnPlanInput;
  /** The environment's id: the engine's run target. */
  readonly connectionId: string;
  readonly runId: string;
  readonly stepName: string;
  /** onramp:tenant / connection / run / step: every resource of the step carries them. */
  readonly tags: Readonly<Record<string, string>>;
  idempotencyToken(purpose?: string): string;
}

export interface ClientVpnDeps {
  ec2(region: string): EC2Client;
  acm(region: string): ACMClient;
  db(): Db;
  /** Awaited as each step starts and around every AWS create, so tests can stop a worker exactly there. */
  checkpoint?(at: { runId: string; stepName: string; point: StepCheckpoint }): Promise<void>;
}

/** Runs an AWS create between the two checkpoints. */
export async function creating<T>(deps: ClientVpnDeps, env: StepEnv, create: () => Promise<T>): Promise<T> {
  await deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point: "before-create" });
  const result = await create();
  await deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point: "after-create" });
  return result;
}

/** The step's adoption tags, plus one telling its several resources of a kind apart. */
export function tagsFor(env: StepEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...env.tags, ...extra };
}

/** Creation tags: the adoption tags plus a Name for people reading the AWS console. */
export function named(tags: Readonly<Record<string, string>>, env: StepEnv, what: string): Record<string, string> {
  return { ...tags, Name: `onramp-cvpn-${what}-${env.input.region}` };
}

