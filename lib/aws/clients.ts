import "server-only";
import { ACMClient } from "@aws-sdk/client-acm";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { processRateLimiter } from "@/lib/engine/rate-limiter";
import { withRateLimit } from "@/lib/engine/with-rate-limit";
import { isSandbox } from "@/lib/env";
import { sandboxCloud } from "./sandbox-link";

/**
 * The only place that builds AWS SDK clients. In sandbox mode every client talks to the in-process
 * emulator through its request handler, signed with the account's sandbox credentials; with real
 * AWS the SDK's default credential chain applies and AWS_ENDPOINT_URL is honoured by the SDK itself.
 *
 * Retries: two attempts only. Interactive calls get one SDK retry; workflows (the reconciler) own
 * their retry and backoff, because the SDK's retry quota is shared and sized for single clicks.
 */
const MAX_ATTEMPTS = 2;
const AWS_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 };

const ec2Clients = new Map<string, EC2Client>();
const elbv2Clients = new Map<string, ElasticLoadBalancingV2Client>();
const resolverClients = new Map<string, Route53ResolverClient>();
const acmClients = new Map<string, ACMClient>();
const logsClients = new Map<string, CloudWatchLogsClient>();

function sandboxConfig(accountId: string) {
  const cloud = sandboxCloud();
  return { credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler() };
}

function providerAccountInSandbox(): string {
  return sandboxCloud().providerAccountId;
}

/**
 * The key of the provider account's request buckets in the rate limiter: every provider client of
 * a region, in every part of Onramp, draws from the same buckets because AWS counts them together.
 */
function providerLimitKey(): string {
  return isSandbox ? providerAccountInSandbox() : "provider";
}

function ec2For(accountId: string | null, region: string): EC2Client {
  const key = `${accountId ?? "provider"}:${region}`;
  let client = ec2Clients.get(key);
  if (!client) {
    client = isSandbox
      ? new EC2Client({ region, maxAttempts: MAX_ATTEMPTS, ...sandboxConfig(accountId ?? providerAccountInSandbox()) })
      : new EC2Client({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_TIMEOUTS });
    if (accountId === null) withRateLimit(client, providerLimitKey(), region);
    ec2Clients.set(key, client);
  }
  return client;
}

/** EC2 as the provider (the account that owns the endpoint services and the landing VPCs). */
export function providerEc2(region: string): EC2Client {
  return ec2For(null, region);
}

/**
 * withRateLimit for the Resolver client. That client is pinned to an older SDK release whose
 * middleware types differ from EC2's, so lib/engine's generic helper does not type-check against
 * it; this is the same middleware at the same place in the stack.
 */
function limitResolver(client: Route53ResolverClient, region: string): void {
  const limiter = processRateLimiter();
  const rateLimited =
    <A, R>(next: (args: A) => Promise<R>, context: { commandName?: string }) =>
    async (args: A): Promise<R> => {
      const action = context.commandName?.replace(/Command$/, "");
      if (action) await limiter.acquire(providerLimitKey(), region, "route53resolver", action);
      return next(args);
    };
  client.middlewareStack.addRelativeTo(rateLimited, {
    name: "onrampRateLimitMiddleware",
    relation: "before",
    toMiddleware: "httpSigningMiddleware",
    override: true,
  });
}

/** Route 53 Resolver as the provider: the inbound endpoints of Site-to-Site landing VPCs. */
export function providerResolver(region: string): Route53ResolverClient {
  let client = resolverClients.get(region);
  if (!client) {
    client = isSandbox
      ? new Route53ResolverClient({ region, maxAttempts: MAX_ATTEMPTS, ...sandboxConfig(providerAccountInSandbox()) })
      : new Route53ResolverClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_TIMEOUTS });
    limitResolver(client, region);
    resolverClients.set(region, client);
  }
  return client;
}

/** ACM as the provider: the Client VPN endpoints' server and client trust certificates. */
export function providerAcm(region: string): ACMClient {
  let client = acmClients.get(region);
  if (!client) {
    client = isSandbox
      ? new ACMClient({ region, maxAttempts: MAX_ATTEMPTS, ...sandboxConfig(providerAccountInSandbox()) })
      : new ACMClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_TIMEOUTS });
    withRateLimit(client, providerLimitKey(), region);
    acmClients.set(region, client);
  }
  return client;
}

/** CloudWatch Logs as the provider: the Client VPN endpoints' connection logs. */
export function providerLogs(region: string): CloudWatchLogsClient {
  let client = logsClients.get(region);
  if (!client) {
    client = isSandbox
      ? new CloudWatchLogsClient({ region, maxAttempts: MAX_ATTEMPTS, ...sandboxConfig(providerAccountInSandbox()) })
      : new CloudWatchLogsClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_TIMEOUTS });
    withRateLimit(client, providerLimitKey(), region);
    logsClients.set(region, client);
  }
  return client;
}

export function providerElbv2(region: string): ElasticLoadBalancingV2Client {
  let client = elbv2Clients.get(region);
  if (!client) {
    client = isSandbox
      ? new ElasticLoadBalancingV2Client({ region, maxAttempts: MAX_ATTEMPTS, ...sandboxConfig(providerAccountInSandbox()) })
      : new ElasticLoadBalancingV2Client({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: AWS_TIMEOUTS });
    elbv2Clients.set(region, client);
  }
  return client;
}

/**
 * EC2 as a customer's account. Only the sandbox can act as a customer (Onramp never holds customer
 * credentials); with real AWS this throws, so nothing can call it by accident.
 */
export function customerEc2(accountId: string, region: string): EC2Client {
  if (!isSandbox) throw new Error("Customer accounts can only be simulated in the sandbox cloud.");
  return ec2For(accountId, region);
}
