import { zonesFor } from "@/lib/sandbox/accounts/zones";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { contains, overlaps, parseCidr, requireCidr, size } from "@/lib/sandbox/services/ec2/cidr";
import { isLiveEndpoint } from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { findSubnet, findVpc, ownRecords, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { createSubnetRecord } from "@/lib/sandbox/services/ec2/network-records";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { SubnetRecord } from "@/lib/sandbox/state/schema";
import { stateAt } from "@/lib/sandbox/lifecycle";

/** AWS reserves five addresses per subnet; each endpoint network interface takes one more. */
function availableAddresses(context: ActionContext, subnet: SubnetRecord): number {
  const cidr = parseCidr(subnet.cidrBlock);
  const total = cidr ? size(cidr) : 0;
  const used = Object.values(context.regionState.endpoints).filter(
    (endpoint) => endpoint.subnetIds.includes(subnet.id) && isLiveEndpoint(endpoint, context.now),
  ).length;
  const resolverIps = Object.values(context.regionState.resolverEndpoints)
    .filter((endpoint) => stateAt(endpoint.lifecycle, context.now) !== "DELETED")
    .flatMap((endpoint) => endpoint.ipAddresses)
    .filter((address) => address.subnetId === subnet.id).length;
  return Math.max(total - 5 - used - resolverIps, 0);
}

export function subnetXml(context: ActionContext, subnet: SubnetRecord) {
  const zone = zonesFor(subnet.ownerId, context.region).find((z) => z.zoneId === subnet.zoneId);
  return {
    subnetId: subnet.id,
    subnetArn: `arn:aws:ec2:${context.region}:${subnet.ownerId}:subnet/${subnet.id}`,
    ownerId: subnet.ownerId,
    state: "available",
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    availableIpAddressCount: availableAddresses(context, subnet),
    availabilityZone: zone?.zoneName,
    availabilityZoneId: subnet.zoneId,
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.defaultForAz,
    tagSet: tagSet(subnet.tags),
  };
}

function zoneIdOf(context: ActionContext): string {
  const zones = zonesFor(context.accountId, context.region);
  const name = context.params.string("AvailabilityZone");
  const id = context.params.string("AvailabilityZoneId");
  if (name !== undefined && id !== undefined) {
    throw new SandboxError("InvalidParameterCombination", "Only one of AvailabilityZone or AvailabilityZoneId can be specified.");
  }
  if (name === undefined && id === undefined) return zones[context.prng.int(0, zones.length - 1)].zoneId;
  const zone = zones.find((z) => (name !== undefined ? z.zoneName === name : z.zoneId === id));
  if (!zone) {
    throw invalidParameterValue(
      `Value (${name ?? id}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => (name !== undefined ? z.zoneName : z.zoneId)).join(", ")}.`,
    );
  }
  return zone.zoneId;
}

function subnetField(context: ActionContext) {
  return (subnet: SubnetRecord, name: string): string[] | undefined => {
    switch (name) {
      case "subnet-id":
        return [subnet.id];
      case "vpc-id":
        return [subnet.vpcId];
      case "availability-zone":
        return [zonesFor(subnet.ownerId, context.region).find((z) => z.zoneId === subnet.zoneId)?.zoneName ?? ""];
      case "availability-zone-id":
        return [subnet.zoneId];
      case "cidr":
      case "cidr-block":
      case "cidrBlock":
        return [subnet.cidrBlock];
      case "default-for-az":
      case "defaultForAz":
        return [String(subnet.defaultForAz)];
      case "state":
        return ["available"];
      case "owner-id":
        return [subnet.ownerId];
      default:
        return undefined;
    }
  };
}

export const subnetActions: Record<string, ActionSpec> = {
  CreateSubnet: {
    mutates: true,
    run(context) {
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      const text = context.params.requiredString("CidrBlock");
      const cidr = requireCidr(text, 16, 28, "InvalidSubnet.Range");
      const vpcCidr = parseCidr(vpc.cidrBlock);
      if (!vpcCidr || !contains(vpcCidr, cidr)) {
        throw new SandboxError("InvalidSubnet.Range", `The CIDR '${text}' is invalid.`);
      }
      const clash = Object.values(context.regionState.subnets).some((subnet) => {
        const other = parseCidr(subnet.cidrBlock);
        return subnet.vpcId === vpc.id && other !== null && overlaps(other, cidr);
      });
      if (clash) throw new SandboxError("InvalidSubnet.Conflict", `The CIDR '${text}' conflicts with another subnet`);
      const zoneId = zoneIdOf(context);
      const tags = readTagSpecifications(context.params, "subnet");
      const subnet = createSubnetRecord(context, vpc, cidr, zoneId, { defaultForAz: false, createdAt: context.now, tags });
      context.recordCreated(subnet.id);
      return { subnet: { ...subnetXml(context, subnet), state: "pending" } };
    },
  },
  DescribeSubnets: {
    mutates: false,
    run(context) {
      const all = ownRecords(context, context.regionState.subnets);
      const selected = selectByIds(all, context.params.list("SubnetId"), (subnet) => subnet.id, (id) =>
        new SandboxError("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`),
      );
      const filtered = applyFilters(selected, readFilters(context.params), subnetField(context), (subnet) => subnet.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { subnetSet: page.map((subnet) => subnetXml(context, subnet)), nextToken };
    },
  },
  DeleteSubnet: {
    mutates: true,
    run(context) {
      const subnet = findSubnet(context, context.params.requiredString("SubnetId"));
      const inUse = Object.values(context.regionState.endpoints).some(
        (endpoint) => endpoint.subnetIds.includes(subnet.id) && isLiveEndpoint(endpoint, context.now),
      );
      const inUseElsewhere =
        Object.values(context.regionState.resolverEndpoints).some(
          (endpoint) =>
            stateAt(endpoint.lifecycle, context.now) !== "DELETED" &&
            endpoint.ipAddresses.some((address) => address.subnetId === subnet.id),
        ) ||
        Object.values(context.regionState.transitGatewayAttachments).some(
          (attachment) => attachment.subnetIds.includes(subnet.id) && stateAt(attachment.lifecycle, context.now) !== "deleted",
        );
      if (inUse || inUseElsewhere) {
        throw new SandboxError("DependencyViolation", `The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
      }
      delete context.regionState.subnets[subnet.id];
      return { return: true };
    },
  },
};
