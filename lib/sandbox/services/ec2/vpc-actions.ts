import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { requireCidr } from "@/lib/sandbox/services/ec2/cidr";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { findVpc, ownRecords, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { createVpcRecord } from "@/lib/sandbox/services/ec2/network-records";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { VpcRecord } from "@/lib/sandbox/state/schema";
import { isLiveEndpoint } from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { attachedVpcId } from "@/lib/sandbox/services/ec2/vpn-gateway-actions";
import { stateAt } from "@/lib/sandbox/lifecycle";

function vpcXml(vpc: VpcRecord) {
  return {
    vpcId: vpc.id,
    ownerId: vpc.ownerId,
    state: "available",
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: [
      { cidrBlock: vpc.cidrBlock, associationId: vpc.cidrAssociationId, cidrBlockState: { state: "associated" } },
    ],
    dhcpOptionsId: vpc.dhcpOptionsId,
    instanceTenancy: "default",
    isDefault: vpc.isDefault,
    tagSet: tagSet(vpc.tags),
  };
}

function vpcField(vpc: VpcRecord, name: string): string[] | undefined {
  switch (name) {
    case "vpc-id":
      return [vpc.id];
    case "cidr":
    case "cidr-block-association.cidr-block":
      return [vpc.cidrBlock];
    case "is-default":
      return [String(vpc.isDefault)];
    case "state":
      return ["available"];
    case "owner-id":
      return [vpc.ownerId];
    case "dhcp-options-id":
      return [vpc.dhcpOptionsId];
    default:
      return undefined;
  }
}

function readDnsAttribute(context: ActionContext, name: string): boolean | undefined {
  return context.params.has(name) ? context.params.struct(name).boolean("Value") : undefined;
}

export const vpcActions: Record<string, ActionSpec> = {
  CreateVpc: {
    mutates: true,
    run(context) {
      const text = context.params.string("CidrBlock");
      if (!text) throw missingParameter("CidrBlock");
      const cidr = requireCidr(text, 16, 28, "InvalidVpc.Range");
      const tags = readTagSpecifications(context.params, "vpc");
      if (ownRecords(context, context.regionState.vpcs).length >= context.quota("vpcs")) {
        throw new SandboxError("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
      }
      const vpc = createVpcRecord(context, cidr, { isDefault: false, createdAt: context.now, tags });
      context.recordCreated(vpc.id);
      return { vpc: { ...vpcXml(vpc), state: "pending" } };
    },
  },
  DescribeVpcs: {
    mutates: false,
    run(context) {
      const all = ownRecords(context, context.regionState.vpcs);
      const selected = selectByIds(all, context.params.list("VpcId"), (vpc) => vpc.id, (id) =>
        new SandboxError("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`),
      );
      const filtered = applyFilters(selected, readFilters(context.params), vpcField, (vpc) => vpc.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { vpcSet: page.map(vpcXml), nextToken };
    },
  },
  DescribeVpcAttribute: {
    mutates: false,
    run(context) {
      const attribute = context.params.requiredString("Attribute");
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      if (attribute === "enableDnsSupport") return { vpcId: vpc.id, enableDnsSupport: { value: vpc.enableDnsSupport } };
      if (attribute === "enableDnsHostnames") {
        return { vpcId: vpc.id, enableDnsHostnames: { value: vpc.enableDnsHostnames } };
      }
      throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    },
  },
  ModifyVpcAttribute: {
    mutates: true,
    run(context) {
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      const support = readDnsAttribute(context, "EnableDnsSupport");
      const hostnames = readDnsAttribute(context, "EnableDnsHostnames");
      if ((support === undefined) === (hostnames === undefined)) {
        throw new SandboxError("InvalidParameterCombination", "Exactly one attribute must be specified per request.");
      }
      if (hostnames === true && !vpc.enableDnsSupport) {
        throw invalidParameterValue("enableDnsHostnames can only be enabled when enableDnsSupport is enabled.");
      }
      if (support !== undefined) vpc.enableDnsSupport = support;
      if (hostnames !== undefined) vpc.enableDnsHostnames = hostnames;
      return { return: true };
    },
  },
  DeleteVpc: {
    mutates: true,
    run(context) {
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      const rs = context.regionState;
      const blocked =
        Object.values(rs.subnets).some((subnet) => subnet.vpcId === vpc.id) ||
        Object.values(rs.securityGroups).some((group) => group.vpcId === vpc.id && group.name !== "default") ||
        Object.values(rs.endpoints).some((endpoint) => endpoint.vpcId === vpc.id && isLiveEndpoint(endpoint, context.now));
      if (blocked) {
        throw new SandboxError("DependencyViolation", `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
      }
      const attachedGateway = Object.values(rs.vpnGateways).some((gateway) => attachedVpcId(context, gateway) === vpc.id);
      const attachedTransitGateway = Object.values(rs.transitGatewayAttachments).some(
        (attachment) => attachment.resourceId === vpc.id && stateAt(attachment.lifecycle, context.now) !== "deleted",
      );
      const resolver = Object.values(rs.resolverEndpoints).some(
        (endpoint) => endpoint.vpcId === vpc.id && stateAt(endpoint.lifecycle, context.now) !== "DELETED",
      );
      if (attachedGateway || attachedTransitGateway || resolver) {
        throw new SandboxError("DependencyViolation", `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
      }
      for (const group of Object.values(rs.securityGroups)) {
        if (group.vpcId === vpc.id) delete rs.securityGroups[group.id];
      }
      for (const table of Object.values(rs.routeTables)) {
        if (table.vpcId === vpc.id) delete rs.routeTables[table.id];
      }
      delete rs.vpcs[vpc.id];
      return { return: true };
    },
  },
};
