import type { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import type { Db } from "@/db/client";
import type { LandingDeps, LandingStepEnv } from "@/lib/connectivity/landing-network/step-env";
import type { SiteToSitePlanInput } from "./plan-input";

export { creating, required, tolerating, waitFor, type StepCheckpoint } from "@/lib/connectivity/landing-network/step-env";

/**
 * What the Site-to-Site steps share: the landing network's step context narrowed to this plan's
 * input, and the dependencies the plan is built with (AWS clients, database, the tests' checkpoint).
 */
export interface StepEnv extends LandingStepEnv {
  readonly input: SiteToSitePlanInput;
}

export interface SiteToSiteDeps extends LandingDeps {
  resolver(region: string): Route53ResolverClient;
  db(): Db;
}

/** The step's own tags plus one that tells its several resources of a kind apart. */
export function withTag(env: StepEnv, key: string, value: string): Record<string, string> {
  return { ...env.tags, [key]: value };
}

/** Creation tags: the adoption tags plus a Name for people reading the AWS console. */
export function creationTags(tags: Readonly<Record<string, string>>, env: StepEnv, what: string): Record<string, string> {
  return { ...tags, Name: `onramp-${what}-${env.connectionId.slice(0, 8)}` };
}
