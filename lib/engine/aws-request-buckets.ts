/**
 * AWS's request token buckets, per account and region, as AWS publishes them (AWS-FACTS.md:
 * "Request throttling for the Amazon EC2 API"; Route 53 Resolver allows 5 requests per second).
 * Buckets of the same name share tokens.
 */
export interface RequestBucket {
  name: string;
  burst: number;
  refillPerSecond: number;
}

export type AwsService = "ec2" | "route53resolver" | "acm" | "logs";

const EC2_NON_MUTATING: RequestBucket = { name: "ec2:non-mutating", burst: 100, refillPerSecond: 20 };
const EC2_MUTATING: RequestBucket = { name: "ec2:mutating", burst: 50, refillPerSecond: 5 };

const EC2_DEDICATED: ReadonlyArray<[ReadonlySet<string>, RequestBucket]> = [
  [new Set(["CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints"]), { name: "ec2:vpc-endpoint", burst: 4, refillPerSecond: 0.3 }],
  [new Set(["AcceptVpcEndpointConnections", "RejectVpcEndpointConnections"]), { name: "ec2:vpc-endpoint-connections", burst: 10, refillPerSecond: 1 }],
  [
    new Set(["CreateVpcEndpointServiceConfiguration", "ModifyVpcEndpointServiceConfiguration", "DeleteVpcEndpointServiceConfigurations"]),
    { name: "ec2:vpc-endpoint-service-configuration", burst: 10, refillPerSecond: 1 },
  ],
  [
    new Set(["AuthorizeClientVpnIngress", "RevokeClientVpnIngress", "CreateClientVpnRoute", "DeleteClientVpnRoute"]),
    { name: "ec2:client-vpn-ingress-route", burst: 5, refillPerSecond: 2 },
  ],
  [new Set(["CreateTags", "DeleteTags"]), { name: "ec2:tags", burst: 100, refillPerSecond: 10 }],
];

const ROUTE53_RESOLVER: RequestBucket = { name: "route53resolver", burst: 5, refillPerSecond: 5 };
/**
 * ACM's per-action rates are low (ImportCertificate 1 per second, most others 10 to 20) and Onramp
 * only imports and deletes an environment's two certificates: one conservative bucket for all.
 */
const ACM: RequestBucket = { name: "acm", burst: 5, refillPerSecond: 1 };
/**
 * CloudWatch Logs' per-action quotas are 5 requests per second or more (CreateLogGroup,
 * CreateLogStream, FilterLogEvents, DescribeLogGroups; "CloudWatch Logs quotas"): one bucket at the
 * lowest of them for all.
 */
const LOGS: RequestBucket = { name: "logs", burst: 5, refillPerSecond: 5 };

/** The bucket an action draws from; classified by its name as AWS does ("non-mutating" = Describe*, Get*, …). */
export function requestBucketFor(service: AwsService, action: string): RequestBucket {
  if (service === "route53resolver") return ROUTE53_RESOLVER;
  if (service === "acm") return ACM;
  if (service === "logs") return LOGS;
  for (const [actions, bucket] of EC2_DEDICATED) if (actions.has(action)) return bucket;
  return /^(Describe|Get|List|Search)/.test(action) ? EC2_NON_MUTATING : EC2_MUTATING;
}

/** The service behind an SDK client, from the client name the SDK puts in each call's context. */
export function serviceOfClient(clientName: string | undefined): AwsService | null {
  if (clientName === "EC2Client") return "ec2";
  if (clientName === "Route53ResolverClient") return "route53resolver";
  if (clientName === "ACMClient") return "acm";
  if (clientName === "CloudWatchLogsClient") return "logs";
  return null;
}
