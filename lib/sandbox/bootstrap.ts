import { newResourceId } from "@/lib/sandbox/ids";
import type { BaseContext } from "@/lib/sandbox/services/service";
import { ensureDefaultVpc } from "@/lib/sandbox/services/ec2/network-records";
import type { EndpointServiceRecord, LoadBalancerRecord } from "@/lib/sandbox/state/schema";

export const PROVIDER_ACCOUNT_ID = "210987654321";

interface ProductDeployment {
  slug: string;
  displayName: string;
  region: string;
  ports: number[];
  privateDnsName?: string;
  zoneIds: string[];
}

/** The SaaS provider's products as a fresh sandbox has them: NLB-fronted endpoint services. */
const PRODUCTS: readonly ProductDeployment[] = [
  {
    slug: "analytics",
    displayName: "Acme Analytics",
    region: "us-east-1",
    ports: [443],
    privateDnsName: "analytics.acme-saas.example",
    zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
  },
  {
    slug: "analytics",
    displayName: "Acme Analytics",
    region: "eu-west-1",
    ports: [443],
    privateDnsName: "analytics.acme-saas.example",
    zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"],
  },
  {
    slug: "ledger",
    displayName: "Acme Ledger",
    region: "us-east-1",
    ports: [443, 5432],
    zoneIds: ["use1-az2", "use1-az4", "use1-az6"],
  },
];

/** Hosted zone of network load balancers' DNS names per region. */
const NLB_HOSTED_ZONES: Readonly<Record<string, string>> = {
  "us-east-1": "Z26RNL4JYFTOTI",
  "eu-west-1": "Z2IFOLAFXWLO4F",
};

/** `contextFor(region)` gives an action context acting as the provider account in that region. */
export function bootstrapProvider(contextFor: (region: string) => BaseContext): void {
  for (const product of PRODUCTS) {
    const context = contextFor(product.region);
    ensureDefaultVpc(context);
    const rs = context.regionState;
    const vpc = Object.values(rs.vpcs).find((candidate) => candidate.ownerId === PROVIDER_ACCOUNT_ID && candidate.isDefault);
    if (!vpc) throw new Error("The provider's default VPC is missing after creation.");
    const subnets = product.zoneIds.map((zoneId) => {
      const subnet = Object.values(rs.subnets).find((candidate) => candidate.vpcId === vpc.id && candidate.zoneId === zoneId);
      if (!subnet) throw new Error(`The provider has no default subnet in ${zoneId}.`);
      return subnet;
    });
    const name = `acme-${product.slug}-nlb`;
    const lbHex = context.prng.hex(16);
    const arn = `arn:aws:elasticloadbalancing:${product.region}:${PROVIDER_ACCOUNT_ID}:loadbalancer/net/${name}/${lbHex}`;
    const balancer: LoadBalancerRecord = {
      arn,
      ownerId: PROVIDER_ACCOUNT_ID,
      name,
      dnsName: `${name}-${lbHex.slice(0, 10)}.elb.${product.region}.amazonaws.com`,
      canonicalHostedZoneId: NLB_HOSTED_ZONES[product.region] ?? "Z1SANDBOXNLB000",
      vpcId: vpc.id,
      subnetIds: subnets.map((subnet) => subnet.id),
      zoneIds: product.zoneIds,
      listeners: product.ports.map((port) => ({
        arn: `arn:aws:elasticloadbalancing:${product.region}:${PROVIDER_ACCOUNT_ID}:listener/net/${name}/${lbHex}/${context.prng.hex(16)}`,
        port,
        protocol: "TCP",
      })),
      createdAt: context.now,
    };
    rs.loadBalancers[arn] = balancer;
    const id = newResourceId(context.prng, "vpce-svc");
    const service: EndpointServiceRecord = {
      id,
      ownerId: PROVIDER_ACCOUNT_ID,
      serviceName: `com.amazonaws.vpce.${product.region}.${id}`,
      acceptanceRequired: true,
      networkLoadBalancerArns: [arn],
      zoneIds: [...product.zoneIds].sort(),
      privateDnsName: product.privateDnsName,
      privateDnsVerification: product.privateDnsName
        ? {
            state: "verified",
            type: "TXT",
            name: `_${context.prng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 20)}`,
            value: `vpce:${context.prng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 20)}`,
          }
        : undefined,
      allowedPrincipals: [],
      // Created "long ago": eventual-consistency faults must not hide the provider's products.
      createdAt: 0,
      tags: { "onramp:product": product.slug, "onramp:product-name": product.displayName },
    };
    rs.endpointServices[id] = service;
  }
}
