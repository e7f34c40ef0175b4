import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeRouteTablesCommand,
  ModifyVpcAttributeCommand,
  type IpPermission,
} from "@aws-sdk/client-ec2";
import { AwsResponseError } from "@/lib/aws/errors";
import { GOOGLE_DNS_FORWARDING_RANGE } from "@/lib/configs/other-cloud-vpn";
import { deleteTolerantly, ensureResource, findByTags, resourcesToRemove, tagSpecifications, type TaggedResourceKind } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import { allocateLandingCidr } from "@/lib/ipam/allocations";
import { formatCidr, requireCidr } from "@/lib/net/cidr";
import { creating, creationTags, required, tolerating, withTag, type SiteToSiteDeps, type StepEnv } from "./step-env";

/** The landing VPC and its network: address block, VPC, one subnet per zone, security groups. */

export interface LandingVpc {
  vpcId: string;
  cidr: string;
  mainRouteTableId: string;
}

export interface LandingSubnet {
  subnetId: string;
  zoneId: string;
  zoneName: string;
  cidr: string;
}

/** Each zone's subnet is this much of the landing block: a /24 holds four (lib/ipam/landing-pool.ts). */
const SUBNET_PREFIX = 26;

export async function allocateCidr(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<{ cidr: string }>> {
  // Idempotent: a connection that holds a block gets the same one back.
  const allocation = await allocateLandingCidr(deps.db(), { connectionId: env.connectionId, customerCidrs: env.input.onPremCidrs });
  return { done: { cidr: allocation.cidr } };
}

export async function ensureVpc(deps: SiteToSiteDeps, env: StepEnv, cidr: string): Promise<StepOutcome<LandingVpc>> {
  const ec2 = deps.ec2(env.input.region);
  const { id: vpcId } = await ensureResource(env, "vpc", {
    find: () => findByTags(ec2, "vpc", env.tags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpecifications("vpc", creationTags(env.tags, env, "landing")) }));
        return required(created.Vpc?.VpcId, "VPC id");
      }),
  });
  // Interface endpoints with private DNS need both; setting them again is harmless, so every attempt does.
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "association.main", Values: ["true"] }] }),
  );
  const mainRouteTableId = required(tables.RouteTables?.[0]?.RouteTableId, "main route table");
  return { done: { vpcId, cidr, mainRouteTableId } };
}

export async function ensureSubnets(deps: SiteToSiteDeps, env: StepEnv, vpc: LandingVpc): Promise<StepOutcome<{ subnets: LandingSubnet[] }>> {
  const ec2 = deps.ec2(env.input.region);
  // Zone IDs name the same physical zones in every account; the provider account's names are for display.
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: "zone-id", Values: env.input.zoneIds }] }));
  const landing = requireCidr(vpc.cidr);
  const size = 2 ** (32 - SUBNET_PREFIX);
  const subnets: LandingSubnet[] = [];
  for (const [index, zoneId] of env.input.zoneIds.entries()) {
    const zoneName = zones.AvailabilityZones?.find((zone) => zone.ZoneId === zoneId)?.ZoneName;
    if (!zoneName) throw new AwsResponseError("InvalidZone.NotFound", `Zone ${zoneId} is not offered to the provider account in ${env.input.region}.`);
    const cidr = formatCidr({ base: landing.base + index * size, prefix: SUBNET_PREFIX });
    const tags = withTag(env, "onramp:zone", zoneId);
    const { id: subnetId } = await ensureResource(env, `subnet:${zoneId}`, {
      find: () => findByTags(ec2, "subnet", tags),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateSubnetCommand({
              VpcId: vpc.vpcId,
              CidrBlock: cidr,
              AvailabilityZoneId: zoneId,
              TagSpecifications: tagSpecifications("subnet", creationTags(tags, env, zoneId)),
            }),
          );
          return required(created.Subnet?.SubnetId, "subnet id");
        }),
    });
    subnets.push({ subnetId, zoneId, zoneName, cidr });
  }
  return { done: { subnets } };
}

export interface LandingGroups {
  endpointGroupId: string;
  resolverGroupId: string;
}

function tcpRules(ports: readonly number[], cidrs: readonly string[]): IpPermission[] {
  return ports.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })) }));
}

/**
 * Two groups: the endpoints admit only the customer's networks on the products' ports; the
 * resolver admits them on DNS. Google Cloud forwards DNS from 35.199.192.0/19 (AWS-FACTS.md), so
 * that range gets DNS too when the customer's other cloud is Google's.
 */
export async function ensureSecurityGroups(deps: SiteToSiteDeps, env: StepEnv, vpc: LandingVpc): Promise<StepOutcome<LandingGroups>> {
  const ec2 = deps.ec2(env.input.region);
  const ports = [...new Set(env.input.products.flatMap((product) => product.ports))].sort((a, b) => a - b);
  const dnsSources = env.input.cloud === "gcp" ? [...env.input.onPremCidrs, GOOGLE_DNS_FORWARDING_RANGE] : env.input.onPremCidrs;
  const dnsRules: IpPermission[] = ["tcp", "udp"].map((IpProtocol) => ({
    IpProtocol,
    FromPort: 53,
    ToPort: 53,
    IpRanges: dnsSources.map((CidrIp) => ({ CidrIp })),
  }));

  const ensureGroup = async (role: "endpoints" | "resolver", rules: IpPermission[]) => {
    const tags = withTag(env, "onramp:role", role);
    const { id: groupId } = await ensureResource(env, `securityGroup:${role}`, {
      find: () => findByTags(ec2, "security-group", tags),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateSecurityGroupCommand({
              VpcId: vpc.vpcId,
              GroupName: `onramp-${role}-${env.connectionId}`,
              Description: role === "endpoints" ? "Onramp: the customer's networks to the products" : "Onramp: the customer's DNS to the inbound resolver",
              TagSpecifications: tagSpecifications("security-group", creationTags(tags, env, role)),
            }),
          );
          return required(created.GroupId, "security group id");
        }),
    });
    // One call adds all rules or none, so "duplicate" means an earlier attempt added them all.
    await tolerating(["InvalidPermission.Duplicate"], () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: rules })));
    return groupId;
  };

  const endpointGroupId = await ensureGroup("endpoints", tcpRules(ports, env.input.onPremCidrs));
  const resolverGroupId = await ensureGroup("resolver", dnsRules);
  return { done: { endpointGroupId, resolverGroupId } };
}

/** Deletes every resource of a kind the step made, recorded or found by its tags; gone counts as done. */
export async function removeTagged(
  deps: SiteToSiteDeps,
  env: StepEnv,
  kind: TaggedResourceKind,
  entries: ReadonlyArray<{ key: string; tags: Readonly<Record<string, string>> }>,
  remove: (id: string) => Promise<unknown>,
): Promise<void> {
  const ec2 = deps.ec2(env.input.region);
  for (const entry of entries) {
    for (const id of await resourcesToRemove(env, entry.key, () => findByTags(ec2, kind, entry.tags))) {
      await deleteTolerantly(() => remove(id));
    }
  }
}

export async function removeSubnets(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  const entries = env.input.zoneIds.map((zoneId) => ({ key: `subnet:${zoneId}`, tags: withTag(env, "onramp:zone", zoneId) }));
  await removeTagged(deps, env, "subnet", entries, (id) => ec2.send(new DeleteSubnetCommand({ SubnetId: id })));
  return { done: {} };
}

export async function removeSecurityGroups(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  const entries = (["endpoints", "resolver"] as const).map((role) => ({ key: `securityGroup:${role}`, tags: withTag(env, "onramp:role", role) }));
  await removeTagged(deps, env, "security-group", entries, (id) => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
  return { done: {} };
}

export async function removeVpc(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  await removeTagged(deps, env, "vpc", [{ key: "vpc", tags: env.tags }], (id) => ec2.send(new DeleteVpcCommand({ VpcId: id })));
  return { done: {} };
}
