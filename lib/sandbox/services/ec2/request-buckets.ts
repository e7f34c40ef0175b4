import type { BucketSpec } from "@/lib/sandbox/request-limits";

/**
 * EC2's request buckets ("Request throttling for the Amazon EC2 API", AWS-FACTS.md table): a few
 * actions have buckets of their own, the rest share one bucket for reads and one for writes.
 */
const NON_MUTATING: BucketSpec = { name: "non-mutating", burst: 100, refillPerSecond: 20 };
const MUTATING: BucketSpec = { name: "mutating", burst: 50, refillPerSecond: 5 };

const DEDICATED: ReadonlyArray<[ReadonlyArray<string>, BucketSpec]> = [
  [["CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints"], { name: "vpc-endpoint", burst: 4, refillPerSecond: 0.3 }],
  [["AcceptVpcEndpointConnections", "RejectVpcEndpointConnections"], { name: "vpc-endpoint-connections", burst: 10, refillPerSecond: 1 }],
  [
    [
      "CreateVpcEndpointServiceConfiguration",
      "ModifyVpcEndpointServiceConfiguration",
      "DeleteVpcEndpointServiceConfigurations",
    ],
    { name: "vpc-endpoint-service-configuration", burst: 10, refillPerSecond: 1 },
  ],
  [
    ["AuthorizeClientVpnIngress", "RevokeClientVpnIngress", "CreateClientVpnRoute", "DeleteClientVpnRoute"],
    { name: "client-vpn-ingress-route", burst: 5, refillPerSecond: 2 },
  ],
  [["CreateTags", "DeleteTags"], { name: "tags", burst: 100, refillPerSecond: 10 }],
];

export function ec2RequestBucket(action: string): BucketSpec {
  for (const [actions, spec] of DEDICATED) if (actions.includes(action)) return spec;
  return /^(Describe|Get|Search|List)/.test(action) ? NON_MUTATING : MUTATING;
}
