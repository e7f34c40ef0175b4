import type { ACMClient } from "@aws-sdk/client-acm";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { Db } from "@/db/client";
import type { LandingDeps, LandingStepEnv } from "@/lib/connectivity/landing-network/step-env";
import type { ClientVpnPlanInput } from "./plan-input";

/**
 * What the Client VPN environment's steps share: the landing network's step context narrowed to
 * this plan's input (connectionId is the environment's id), and the dependencies the plan is built
 * with (AWS clients, database, the tests' checkpoint).
 */
export interface StepEnv extends LandingStepEnv {
  readonly input: ClientVpnPlanInput;
}

export interface ClientVpnDeps extends LandingDeps {
  acm(region: string): ACMClient;
  logs(region: string): CloudWatchLogsClient;
  db(): Db;
}

/** The step's adoption tags, plus one telling its several resources of a kind apart. */
export function tagsFor(env: StepEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...env.tags, ...extra };
}

/** Creation tags: the adoption tags plus a Name for people reading the AWS console. */
export function named(tags: Readonly<Record<string, string>>, env: { readonly input: { readonly region: string } }, what: string): Record<string, string> {
  return { ...tags, Name: `onramp-cvpn-${what}-${env.input.region}` };
}
