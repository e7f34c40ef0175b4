import { AuthorizeSecurityGroupIngressCommand, DescribeRouteTablesCommand, type IpPermission } from "@aws-sdk/client-ec2";
import { GOOGLE_DNS_FORWARDING_RANGE } from "@/lib/configs/other-cloud-vpn";
import { ensureRoleGroup, productPorts, removeRoleGroups, tcpRules } from "@/lib/connectivity/landing-network/security-groups";
import { ensureZoneSubnets, removeZoneSubnets, type ZoneSubnet } from "@/lib/connectivity/landing-network/subnets";
import { ensureLandingVpc, removeLandingVpc } from "@/lib/connectivity/landing-network/vpc";
import type { StepOutcome } from "@/lib/engine/plan";
import { allocateLandingCidr } from "@/lib/ipam/allocations";
import { creationTags, required, tolerating, type SiteToSiteDeps, type StepEnv } from "./step-env";

/** The landing VPC and its network: address block, VPC, one subnet per zone, security groups. */

export interface LandingVpc {
  vpcId: string;
  cidr: string;
  mainRouteTableId: string;
}

export type LandingSubnet = ZoneSubnet;

export async function allocateCidr(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<{ cidr: string }>> {
  // Idempotent: a connection that holds a block gets the same one back.
  const allocation = await allocateLandingCidr(deps.db(), { connectionId: env.connectionId, customerCidrs: env.input.onPremCidrs });
  return { done: { cidr: allocation.cidr } };
}

export async function ensureVpc(deps: SiteToSiteDeps, env: StepEnv, cidr: string): Promise<StepOutcome<LandingVpc>> {
  const ec2 = deps.ec2(env.input.region);
  const vpcId = await ensureLandingVpc(deps, env, cidr, (tags, what) => creationTags(tags, env, what));
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "association.main", Values: ["true"] }] }),
  );
  const mainRouteTableId = required(tables.RouteTables?.[0]?.RouteTableId, "main route table");
  return { done: { vpcId, cidr, mainRouteTableId } };
}

export async function ensureSubnets(deps: SiteToSiteDeps, env: StepEnv, vpc: LandingVpc): Promise<StepOutcome<{ subnets: LandingSubnet[] }>> {
  const subnets = await ensureZoneSubnets(deps, env, vpc, env.input.zoneIds, (tags, what) => creationTags(tags, env, what));
  return { done: { subnets } };
}

export interface LandingGroups {
  endpointGroupId: string;
  resolverGroupId: string;
}

/**
 * Two groups: the endpoints admit only the customer's networks on the products' ports; the
 * resolver admits them on DNS. Google Cloud forwards DNS from 35.199.192.0/19 (AWS-FACTS.md), so
 * that range gets DNS too when the customer's other cloud is Google's.
 */
export async function ensureSecurityGroups(deps: SiteToSiteDeps, env: StepEnv, vpc: LandingVpc): Promise<StepOutcome<LandingGroups>> {
  const ec2 = deps.ec2(env.input.region);
  const dnsSources = env.input.cloud === "gcp" ? [...env.input.onPremCidrs, GOOGLE_DNS_FORWARDING_RANGE] : env.input.onPremCidrs;
  const dnsRules: IpPermission[] = ["tcp", "udp"].map((IpProtocol) => ({
    IpProtocol,
    FromPort: 53,
    ToPort: 53,
    IpRanges: dnsSources.map((CidrIp) => ({ CidrIp })),
  }));

  const ensureGroup = async (role: "endpoints" | "resolver", rules: IpPermission[]) => {
    const groupId = await ensureRoleGroup(deps, env, {
      vpcId: vpc.vpcId,
      role,
      groupName: `onramp-${role}-${env.connectionId}`,
      description: role === "endpoints" ? "Onramp: the customer's networks to the products" : "Onramp: the customer's DNS to the inbound resolver",
      creationTags: (tags, what) => creationTags(tags, env, what),
    });
    // One call adds all rules or none, so "duplicate" means an earlier attempt added them all.
    await tolerating(["InvalidPermission.Duplicate"], () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: rules })));
    return groupId;
  };

  const endpointGroupId = await ensureGroup("endpoints", tcpRules(productPorts(env.input.products), env.input.onPremCidrs));
  const resolverGroupId = await ensureGroup("resolver", dnsRules);
  return { done: { endpointGroupId, resolverGroupId } };
}

export async function removeSubnets(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeZoneSubnets(deps, env, env.input.zoneIds);
  return { done: {} };
}

export async function removeSecurityGroups(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeRoleGroups(deps, env, ["endpoints", "resolver"]);
  return { done: {} };
}

export async function removeVpc(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeLandingVpc(deps, env);
  return { done: {} };
}
