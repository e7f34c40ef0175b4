import { AuthorizeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { tolerating } from "@/lib/connectivity/landing-network/step-env";
import { ensureRoleGroup, productPorts, removeRoleGroups, tcpRules } from "@/lib/connectivity/landing-network/security-groups";
import { ensureZoneSubnets, removeZoneSubnets } from "@/lib/connectivity/landing-network/subnets";
import { ensureLandingVpc, removeLandingVpc } from "@/lib/connectivity/landing-network/vpc";
import type { StepOutcome } from "@/lib/engine/plan";
import { allocateLandingCidr } from "@/lib/ipam/allocations";
import { requireCidr } from "@/lib/net/cidr";
import { formatIpv4 } from "@/lib/net/ipv4";
import { CLIENT_CIDR_POOL } from "./plan-input";
import { named, type ClientVpnDeps, type StepEnv } from "./step-env";

/** The shared landing VPC: address blocks, VPC, one subnet per zone, security groups. */

export interface Addresses {
  vpcCidr: string;
  clientCidr: string;
}

export interface LandingSubnet {
  subnetId: string;
  zoneId: string;
  cidr: string;
}

export interface Groups {
  /** On the Client VPN endpoint's interfaces in the subnets. */
  endpointGroupId: string;
  /** On the interface endpoints: admits the subnets (where client traffic comes from) on the products' ports. */
  productsGroupId: string;
}

/** Every VPC's resolver answers at its base address plus two. */
const VPC_RESOLVER_OFFSET = 2;

/**
 * The clients' block first, then the VPC's, which lib/ipam keeps clear of it and of every other
 * live block. Both are idempotent per holder, so a resumed step gets the same two back.
 */
export async function allocateAddresses(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Addresses>> {
  const db = deps.db();
  const client = await allocateLandingCidr(db, { connectionId: env.input.clientCidrHolderId, customerCidrs: [], pool: CLIENT_CIDR_POOL });
  const vpc = await allocateLandingCidr(db, { connectionId: env.connectionId, customerCidrs: [client.cidr] });
  return { done: { vpcCidr: vpc.cidr, clientCidr: client.cidr } };
}

/** The address of the VPC's resolver: the DNS server the endpoint hands its clients. */
export function vpcResolverAddress(vpcCidr: string): string {
  return formatIpv4(requireCidr(vpcCidr).base + VPC_RESOLVER_OFFSET);
}

export async function ensureVpc(deps: ClientVpnDeps, env: StepEnv, cidr: string): Promise<StepOutcome<{ vpcId: string; cidr: string }>> {
  // The products' private DNS names resolve through the VPC's resolver, which the endpoint hands its clients.
  const vpcId = await ensureLandingVpc(deps, env, cidr, (tags, what) => named(tags, env, what));
  return { done: { vpcId, cidr } };
}

export async function ensureSubnets(
  deps: ClientVpnDeps,
  env: StepEnv,
  vpc: { vpcId: string; cidr: string },
): Promise<StepOutcome<{ subnets: LandingSubnet[] }>> {
  const subnets = await ensureZoneSubnets(deps, env, vpc, env.input.zoneIds, (tags, what) => named(tags, env, what));
  return { done: { subnets: subnets.map(({ subnetId, zoneId, cidr }) => ({ subnetId, zoneId, cidr })) } };
}

type GroupRole = "endpoint" | "products";
const GROUP_ROLES: readonly GroupRole[] = ["endpoint", "products"];

/**
 * Client VPN translates client traffic to its interfaces' addresses in the subnets, so the
 * interface endpoints admit the subnets, on the products' ports only. The endpoint's own group
 * admits nothing: nothing in the VPC opens connections to clients.
 */
export async function ensureSecurityGroups(
  deps: ClientVpnDeps,
  env: StepEnv,
  vpcId: string,
  subnets: readonly LandingSubnet[],
): Promise<StepOutcome<Groups>> {
  const ec2 = deps.ec2(env.input.region);
  const ensureGroup = (role: GroupRole, description: string) =>
    ensureRoleGroup(deps, env, { vpcId, role, groupName: `onramp-cvpn-${role}-${env.connectionId}`, description, creationTags: (tags, what) => named(tags, env, what) });
  const endpointGroupId = await ensureGroup("endpoint", "Onramp: the shared Client VPN endpoint");
  const productsGroupId = await ensureGroup("products", "Onramp: Client VPN devices to the products");
  const rules = tcpRules(productPorts(env.input.products), subnets.map((subnet) => subnet.cidr));
  // One call adds all rules or none, so "duplicate" means an earlier attempt added them all.
  await tolerating(["InvalidPermission.Duplicate"], () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: productsGroupId, IpPermissions: rules })));
  return { done: { endpointGroupId, productsGroupId } };
}

export async function removeSecurityGroups(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeRoleGroups(deps, env, GROUP_ROLES);
  return { done: {} };
}

export async function removeSubnets(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeZoneSubnets(deps, env, env.input.zoneIds);
  return { done: {} };
}

export async function removeVpc(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  await removeLandingVpc(deps, env);
  return { done: {} };
}
