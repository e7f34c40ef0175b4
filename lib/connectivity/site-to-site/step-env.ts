import type { EC2Client } from "@aws-sdk/client-ec2";
import type { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import type { Db } from "@/db/client";
import { AwsResponseError, awsErrorCode } from "@/lib/aws/errors";
import type { ResourceLedger } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import type { SiteToSitePlanInput } from "./plan-input";

/**
 * What the Site-to-Site steps share: the part of the engine's step context they use, and the
 * dependencies the plan is built with (AWS clients, database, and the checkpoint tests cut in at).
 */
export interface StepEnv extends ResourceLedger {
  readonly input: SiteToSitePlanInput;
  readonly connectionId: string;
  readonly runId: string;
  readonly stepName: string;
  /** onramp:tenant / connection / run / step: every resource of the step carries them. */
  readonly tags: Readonly<Record<string, string>>;
  idempotencyToken(purpose?: string): string;
}

/** Where tests can stop a worker: as a step starts, and around each AWS create. */
export type StepCheckpoint = "start" | "before-create" | "after-create";

export interface SiteToSiteDeps {
  ec2(region: string): EC2Client;
  resolver(region: string): Route53ResolverClient;
  db(): Db;
  /** Awaited as each step starts and around every AWS create, so tests can stop a worker exactly there. */
  checkpoint?(at: { runId: string; stepName: string; point: StepCheckpoint }): Promise<void>;
}

/** Runs an AWS create between the two checkpoints. */
export async function creating<T>(deps: SiteToSiteDeps, env: StepEnv, create: () => Promise<T>): Promise<T> {
  await deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point: "before-create" });
  const result = await create();
  await deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point: "after-create" });
  return result;
}

/** AWS's published polling cadence is seconds; the engine backs the recheck off from here. */
export const RECHECK_MS = 2_000;

export function waitFor(reason: string, recheckAfterMs = RECHECK_MS): StepOutcome<never> {
  return { wait: { reason, recheckAfterMs } };
}

export function required(value: string | undefined, what: string): string {
  if (!value) throw new AwsResponseError("InvalidResponse", `AWS returned no ${what}.`);
  return value;
}

/** Runs a call whose listed error codes mean "already so" (a duplicate rule, a route already there). */
export async function tolerating(codes: readonly string[], call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!codes.includes(awsErrorCode(error))) throw error;
  }
}

/** The step's own tags plus one that tells its several resources of a kind apart. */
export function withTag(env: StepEnv, key: string, value: string): Record<string, string> {
  return { ...env.tags, [key]: value };
}

/** Creation tags: the adoption tags plus a Name for people reading the AWS console. */
export function creationTags(tags: Readonly<Record<string, string>>, env: StepEnv, what: string): Record<string, string> {
  return { ...tags, Name: `onramp-${what}-${env.connectionId.slice(0, 8)}` };
}
