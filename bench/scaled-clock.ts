import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { getDb } from "@/db/client";
import type { SiteToSiteDeps } from "@/lib/connectivity/site-to-site/step-env";
import { DEFAULT_BACKOFF, type BackoffSettings } from "@/lib/engine/backoff";
import type { EngineOptions } from "@/lib/engine/executor";
import type { Plan, RuntimeStep, StepOutcome } from "@/lib/engine/plan";
import { RateLimiter } from "@/lib/engine/rate-limiter";
import { withRateLimit } from "@/lib/engine/with-rate-limit";
import type { SandboxCloud } from "@/lib/sandbox/cloud";

/**
 * The bench runs AWS's waits time-scaled (the sandbox's realistic profile: 0.05 makes a 5-minute
 * wait 15 seconds). For its figures to say what happens at AWS speed, Onramp's own clock must run
 * at the same pace: the engine's polls, rechecks and backoffs, and the rate limiter's refill,
 * which the sandbox's request buckets then match (SandboxCloud.setRequestLimits). Everything else
 * is the production code as it is: the Site-to-Site plan, the executor, withRateLimit.
 */

/** The executor's default idle poll (lib/engine/executor.ts), before scaling. */
const ENGINE_POLL_MS = 1_000;
/** As lib/aws/clients.ts: one SDK retry; the engine owns retrying beyond that. */
const SDK_MAX_ATTEMPTS = 2;

/** The engine's timing options at `scale` of real time. */
export function scaledEngineTiming(scale: number): Pick<EngineOptions, "pollMs" | "backoff"> {
  const backoff: BackoffSettings = {
    retryBaseMs: DEFAULT_BACKOFF.retryBaseMs * scale,
    retryMaxMs: DEFAULT_BACKOFF.retryMaxMs * scale,
    waitMaxMs: DEFAULT_BACKOFF.waitMaxMs * scale,
  };
  return { pollMs: Math.max(1, ENGINE_POLL_MS * scale), backoff };
}

/** A rate limiter whose buckets refill on the scaled clock, and whose waits are scaled likewise. */
export function scaledRateLimiter(scale: number): RateLimiter {
  return new RateLimiter({
    clock: () => performance.now() / scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms * scale)),
  });
}

function scaledOutcome<T>(outcome: StepOutcome<T>, scale: number): StepOutcome<T> {
  if ("done" in outcome) return outcome;
  return { ...outcome, wait: { ...outcome.wait, recheckAfterMs: outcome.wait.recheckAfterMs * scale } };
}

/** The same plan, its steps' recheck hints (seconds, written for AWS speed) scaled to the bench's clock. */
export function onScaledClock(plan: Plan, scale: number): Plan {
  const steps = new Map<string, RuntimeStep>();
  for (const [name, step] of plan.steps) {
    steps.set(name, {
      name: step.name,
      dependsOn: step.dependsOn,
      hasUndo: step.hasUndo,
      run: async (ctx) => scaledOutcome(await step.run(ctx), scale),
      undo: async (ctx) => scaledOutcome(await step.undo(ctx), scale),
    });
  }
  return { name: plan.name, steps, order: plan.order, parseInput: plan.parseInput };
}

/**
 * withRateLimit for the Resolver client, whose pinned SDK release has middleware types that
 * lib/engine's helper does not accept: the same middleware at the same place in the stack, as
 * lib/aws/clients.ts adds it to the process's own Resolver clients.
 */
function limitResolver(client: Route53ResolverClient, accountId: string, region: string, limiter: RateLimiter): void {
  const rateLimited =
    <A, R>(next: (args: A) => Promise<R>, context: { commandName?: string }) =>
    async (args: A): Promise<R> => {
      const action = context.commandName?.replace(/Command$/, "");
      if (action) await limiter.acquire(accountId, region, "route53resolver", action);
      return next(args);
    };
  client.middlewareStack.addRelativeTo(rateLimited, { name: "onrampRateLimitMiddleware", relation: "before", toMiddleware: "httpSigningMiddleware", override: true });
}

/**
 * The Site-to-Site plan's dependencies for one Onramp process: the provider's sandbox clients
 * behind that process's rate limiter, as lib/aws/clients.ts builds them.
 */
export function providerDeps(cloud: SandboxCloud, limiter: RateLimiter): SiteToSiteDeps {
  const ec2Clients = new Map<string, EC2Client>();
  const resolverClients = new Map<string, Route53ResolverClient>();
  const config = (region: string) => ({
    region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    credentials: cloud.credentialsFor(cloud.providerAccountId),
    requestHandler: cloud.requestHandler(),
  });
  return {
    ec2(region) {
      let client = ec2Clients.get(region);
      if (!client) {
        client = withRateLimit(new EC2Client(config(region)), cloud.providerAccountId, region, limiter);
        ec2Clients.set(region, client);
      }
      return client;
    },
    resolver(region) {
      let client = resolverClients.get(region);
      if (!client) {
        client = new Route53ResolverClient(config(region));
        limitResolver(client, cloud.providerAccountId, region, limiter);
        resolverClients.set(region, client);
      }
      return client;
    },
    db: getDb,
  };
}
