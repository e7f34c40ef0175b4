import { newResourceId } from "@/lib/sandbox/ids";
import { zonesFor } from "@/lib/sandbox/accounts/zones";
import type { BaseContext } from "@/lib/sandbox/services/service";
import { formatCidr, type Cidr } from "@/lib/sandbox/services/ec2/cidr";
import type { RouteTableRecord, SecurityGroupRecord, SubnetRecord, VpcRecord } from "@/lib/sandbox/state/schema";

export const ALL_TRAFFIC_EGRESS = { ipProtocol: "-1", cidrIp: "0.0.0.0/0" };

export function createVpcRecord(
  context: BaseContext,
  cidr: Cidr,
  options: { isDefault: boolean; createdAt: number; tags: Record<string, string> },
): VpcRecord {
  const vpc: VpcRecord = {
    id: newResourceId(context.prng, "vpc"),
    ownerId: context.accountId,
    cidrBlock: formatCidr(cidr),
    cidrAssociationId: newResourceId(context.prng, "vpc-cidr-assoc"),
    dhcpOptionsId: newResourceId(context.prng, "dopt"),
    isDefault: options.isDefault,
    // AWS turns both on for default VPCs only; a new VPC has DNS support but not hostnames.
    enableDnsSupport: true,
    enableDnsHostnames: options.isDefault,
    createdAt: options.createdAt,
    tags: options.tags,
  };
  context.regionState.vpcs[vpc.id] = vpc;
  // Every VPC comes with a security group named "default" that cannot be deleted on its own.
  const group: SecurityGroupRecord = {
    id: newResourceId(context.prng, "sg"),
    ownerId: context.accountId,
    vpcId: vpc.id,
    name: "default",
    description: "default VPC security group",
    ingress: [],
    egress: [{ ruleId: newResourceId(context.prng, "sgr"), ...ALL_TRAFFIC_EGRESS }],
    createdAt: options.createdAt,
    tags: {},
  };
  context.regionState.securityGroups[group.id] = group;
  ensureMainRouteTable(context, vpc);
  return vpc;
}

/**
 * Every VPC has a main route table with its local route. VPCs saved before route tables existed in
 * the sandbox get theirs on first use.
 */
export function ensureMainRouteTable(context: BaseContext, vpc: VpcRecord): RouteTableRecord {
  const existing = Object.values(context.regionState.routeTables).find((table) => table.vpcId === vpc.id && table.main);
  if (existing) return existing;
  const table: RouteTableRecord = {
    id: newResourceId(context.prng, "rtb"),
    ownerId: vpc.ownerId,
    vpcId: vpc.id,
    main: true,
    mainAssociationId: newResourceId(context.prng, "rtbassoc"),
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: "local", origin: "CreateRouteTable" }],
    propagatingVgws: [],
    createdAt: vpc.createdAt,
    tags: {},
  };
  context.regionState.routeTables[table.id] = table;
  return table;
}

export function createSubnetRecord(
  context: BaseContext,
  vpc: VpcRecord,
  cidr: Cidr,
  zoneId: string,
  options: { defaultForAz: boolean; createdAt: number; tags: Record<string, string> },
): SubnetRecord {
  const subnet: SubnetRecord = {
    id: newResourceId(context.prng, "subnet"),
    ownerId: context.accountId,
    vpcId: vpc.id,
    cidrBlock: formatCidr(cidr),
    zoneId,
    defaultForAz: options.defaultForAz,
    createdAt: options.createdAt,
    tags: options.tags,
  };
  context.regionState.subnets[subnet.id] = subnet;
  return subnet;
}

/**
 * Every account has a default VPC (172.31.0.0/16) with a /20 per zone in every region; AWS creates
 * them with the account, the sandbox on the account's first call in the region.
 */
export function ensureDefaultVpc(context: BaseContext): void {
  const rs = context.regionState;
  if (rs.accountsWithDefaults.includes(context.accountId)) return;
  rs.accountsWithDefaults.push(context.accountId);
  const base = ((172 << 24) | (31 << 16)) >>> 0;
  const vpc = createVpcRecord(context, { base, prefix: 16 }, { isDefault: true, createdAt: 0, tags: {} });
  zonesFor(context.accountId, context.region).forEach((zone, index) => {
    createSubnetRecord(context, vpc, { base: base + index * 4096, prefix: 20 }, zone.zoneId, {
      defaultForAz: true,
      createdAt: 0,
      tags: {},
    });
  });
}

export function defaultSecurityGroup(context: BaseContext, vpcId: string): SecurityGroupRecord | undefined {
  return Object.values(context.regionState.securityGroups).find(
    (group) => group.vpcId === vpcId && group.name === "default",
  );
}
