import type { EC2Client } from "@aws-sdk/client-ec2";
import { AwsResponseError, awsErrorCode } from "@/lib/aws/errors";
import type { ResourceLedger } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";

/**
 * What every landing-network plan's steps share (Site-to-Site, Client VPN): the part of the
 * engine's step context they use, and the dependencies around their AWS creates. Each plan
 * narrows `input` and adds its own clients.
 */
export interface LandingStepEnv extends ResourceLedger {
  readonly input: { readonly region: string };
  /** The engine's run target: the connection or environment the resources belong to. */
  readonly connectionId: string;
  readonly runId: string;
  readonly stepName: string;
  /** onramp:tenant / connection / run / step: every resource of the step carries them. */
  readonly tags: Readonly<Record<string, string>>;
  idempotencyToken(purpose?: string): string;
}

/** Where tests can stop a worker: as a step starts, and around each AWS create. */
export type StepCheckpoint = "start" | "before-create" | "after-create";

export interface LandingDeps {
  ec2(region: string): EC2Client;
  /** Awaited as each step starts and around every AWS create, so tests can stop a worker exactly there. */
  checkpoint?(at: { runId: string; stepName: string; point: StepCheckpoint }): Promise<void>;
}

/** Makes a step's creation tags from its adoption tags: adds a Name for people reading the AWS console. */
export type CreationTags = (tags: Readonly<Record<string, string>>, what: string) => Record<string, string>;

/** The plan's "start" checkpoint: each step awaits it first. */
export function stepStarted(deps: LandingDeps): (env: LandingStepEnv) => Promise<void> | undefined {
  return (env) => deps.checkpoint?.({ runId: env.runId, stepName: env.stepName, point: "start" });
}

/** Runs an AWS create between the two checkpoints. */
export async function creating<T>(deps: LandingDeps, env: LandingStepEnv, create: () => Promise<T>): Promise<T> {
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
