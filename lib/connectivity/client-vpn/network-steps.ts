import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  ModifyVpcAttributeCommand,
} from "@aws-sdk/client-ec2";
import { AwsResponseError } from "@/lib/aws/errors";
import { required, tolerating } from "@/lib/connectivity/site-to-site/step-env";
import { deleteTolerantly, ensureResource, findByTags, resourcesToRemove, tagSpecifications, type TaggedResourceKind } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import { allocateLandingCidr } from "@/lib/ipam/allocations";
import { formatCidr, requireCidr } from "@/lib/net/cidr";
import { formatIpv4 } from "@/lib/net/ipv4";
import { CLIENT_CIDR_POOL } from "./plan-input";
import { creating, named, tagsFor, type ClientVpnDeps, type StepEnv } from "./step-env";

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

/** Each zone's subnet is a quarter of the landing /24 (lib/ipam/landing-pool.ts): room for the endpoints' interfaces. */
const SUBNET_PREFIX = 26;
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
  const ec2 = deps.ec2(env.input.region);
  const { id: vpcId } = await ensureResource(env, "vpc", {
    find: () => findByTags(ec2, "vpc", env.tags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpecifications("vpc", named(env.tags, env, "landing")) }));
        return required(created.Vpc?.VpcId, "VPC id");
      }),
  });
  // The products' private DNS names resolve through the VPC's resolver only with both; repeating them is harmless.
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  return { done: { vpcId, cidr } };
}

export async function ensureSubnets(
  deps: ClientVpnDeps,
  env: StepEnv,
  vpc: { vpcId: string; cidr: string },
): Promise<StepOutcome<{ subnets: LandingSubnet[] }>> {
  const ec2 = deps.ec2(env.input.region);
  // Zone IDs name the same physical zones in every account; a zone not offered here is a catalog error.
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: "zone-id", Values: env.input.zoneIds }] }));
  const base = requireCidr(vpc.cidr).base;
  const subnets: LandingSubnet[] = [];
  for (const [index, zoneId] of env.input.zoneIds.entries()) {
    if (!zones.AvailabilityZones?.some((zone) => zone.ZoneId === zoneId)) {
      throw new AwsResponseError("InvalidZone.NotFound", `Zone ${zoneId} is not offered to the provider account in ${env.input.region}.`);
    }
    const cidr = formatCidr({ base: base + index * 2 ** (32 - SUBNET_PREFIX), prefix: SUBNET_PREFIX });
    const tags = tagsFor(env, { "onramp:zone": zoneId });
    const { id: subnetId } = await ensureResource(env, `subnet:${zoneId}`, {
      find: () => findByTags(ec2, "subnet", tags),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateSubnetCommand({ VpcId: vpc.vpcId, CidrBlock: cidr, AvailabilityZoneId: zoneId, TagSpecifications: tagSpecifications("subnet", named(tags, env, zoneId)) }),
          );
          return required(created.Subnet?.SubnetId, "subnet id");
        }),
    });
    subnets.push({ subnetId, zoneId, cidr });
  }
  return { done: { subnets } };
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
  const ensureGroup = async (role: GroupRole, description: string) => {
    const tags = tagsFor(env, { "onramp:role": role });
    const { id } = await ensureResource(env, `securityGroup:${role}`, {
      find: () => findByTags(ec2, "security-group", tags),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateSecurityGroupCommand({
              VpcId: vpcId,
              GroupName: `onramp-cvpn-${role}-${env.connectionId}`,
              Description: description,
              TagSpecifications: tagSpecifications("security-group", named(tags, env, role)),
            }),
          );
          return required(created.GroupId, "security group id");
        }),
    });
    return id;
  };
  const endpointGroupId = await ensureGroup("endpoint", "Onramp: the shared Client VPN endpoint");
  const productsGroupId = await ensureGroup("products", "Onramp: Client VPN devices to the products");
  const ports = [...new Set(env.input.products.flatMap((product) => product.ports))].sort((a, b) => a - b);
  const IpRanges = subnets.map((subnet) => ({ CidrIp: subnet.cidr }));
  // One call adds all rules or none, so "duplicate" means an earlier attempt added them all.
  await tolerating(["InvalidPermission.Duplicate"], () =>
    ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: productsGroupId,
        IpPermissions: ports.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges })),
      }),
    ),
  );
  return { done: { endpointGroupId, productsGroupId } };
}

/** Deletes each resource of a kind the step made, recorded or found by its tags; gone counts as done. */
async function removeTagged(
  deps: ClientVpnDeps,
  env: StepEnv,
  kind: TaggedResourceKind,
  entries: ReadonlyArray<{ key: string; tags: Readonly<Record<string, string>> }>,
  remove: (id: string) => Promise<unknown>,
): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  for (const entry of entries) {
    for (const id of await resourcesToRemove(env, entry.key, () => findByTags(ec2, kind, entry.tags))) await deleteTolerantly(() => remove(id));
  }
  return { done: {} };
}

export function removeSecurityGroups(deps: ClientVpnDeps, env: StepEnv) {
  const ec2 = deps.ec2(env.input.region);
  const entries = GROUP_ROLES.map((role) => ({ key: `securityGroup:${role}`, tags: tagsFor(env, { "onramp:role": role }) }));
  return removeTagged(deps, env, "security-group", entries, (id) => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
}

export function removeSubnets(deps: ClientVpnDeps, env: StepEnv) {
  const ec2 = deps.ec2(env.input.region);
  const entries = env.input.zoneIds.map((zoneId) => ({ key: `subnet:${zoneId}`, tags: tagsFor(env, { "onramp:zone": zoneId }) }));
  return removeTagged(deps, env, "subnet", entries, (id) => ec2.send(new DeleteSubnetCommand({ SubnetId: id })));
}

export function removeVpc(deps: ClientVpnDeps, env: StepEnv) {
  const ec2 = deps.ec2(env.input.region);
  return removeTagged(deps, env, "vpc", [{ key: "vpc", tags: env.tags }], (id) => ec2.send(new DeleteVpcCommand({ VpcId: id })));
}
