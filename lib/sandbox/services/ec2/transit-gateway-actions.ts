import { newResourceId } from "@/lib/sandbox/ids";
import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { currentState, findLive, listedOwn } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { findSubnet, findVpc, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import {
  attachmentNotFound,
  createAttachmentRecord,
  createRouteTableRecord,
  liveAssociation,
  routeTableNotFound,
  transitGatewayNotFound,
} from "@/lib/sandbox/services/ec2/transit-gateway-records";
import { isPrivateAmazonAsn } from "@/lib/sandbox/services/ec2/vpn-gateway-actions";
import type {
  TransitGatewayAttachmentRecord,
  TransitGatewayRecord,
  TransitGatewayRouteTableRecord,
} from "@/lib/sandbox/state/schema";

function enableDisable(value: string | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (value !== "enable" && value !== "disable") {
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Valid values: enable, disable.`);
  }
  return value;
}

function gatewayXml(context: ActionContext, gateway: TransitGatewayRecord) {
  const defaultTable = gateway.defaultRouteTableId;
  return {
    transitGatewayId: gateway.id,
    transitGatewayArn: `arn:aws:ec2:${context.region}:${gateway.ownerId}:transit-gateway/${gateway.id}`,
    state: currentState(context, gateway),
    ownerId: gateway.ownerId,
    description: gateway.description,
    creationTime: new Date(gateway.createdAt),
    options: {
      amazonSideAsn: gateway.amazonSideAsn,
      autoAcceptSharedAttachments: gateway.autoAcceptSharedAttachments,
      defaultRouteTableAssociation: gateway.defaultRouteTableAssociation,
      associationDefaultRouteTableId: gateway.defaultRouteTableAssociation === "enable" ? defaultTable : undefined,
      defaultRouteTablePropagation: gateway.defaultRouteTablePropagation,
      propagationDefaultRouteTableId: gateway.defaultRouteTablePropagation === "enable" ? defaultTable : undefined,
      vpnEcmpSupport: gateway.vpnEcmpSupport,
      dnsSupport: gateway.dnsSupport,
      securityGroupReferencingSupport: "disable",
      multicastSupport: "disable",
    },
    tagSet: tagSet(gateway.tags),
  };
}

function vpcAttachmentXml(context: ActionContext, attachment: TransitGatewayAttachmentRecord) {
  return {
    transitGatewayAttachmentId: attachment.id,
    transitGatewayId: attachment.transitGatewayId,
    vpcId: attachment.resourceId,
    vpcOwnerId: attachment.ownerId,
    state: currentState(context, attachment),
    subnetIds: attachment.subnetIds,
    creationTime: new Date(attachment.createdAt),
    options: { dnsSupport: attachment.dnsSupport, securityGroupReferencingSupport: "disable", ipv6Support: "disable", applianceModeSupport: "disable" },
    tagSet: tagSet(attachment.tags),
  };
}

function attachmentXml(context: ActionContext, attachment: TransitGatewayAttachmentRecord) {
  const association = liveAssociation(context, attachment);
  const gateway = context.regionState.transitGateways[attachment.transitGatewayId];
  return {
    transitGatewayAttachmentId: attachment.id,
    transitGatewayId: attachment.transitGatewayId,
    transitGatewayOwnerId: gateway?.ownerId ?? attachment.ownerId,
    resourceOwnerId: attachment.ownerId,
    resourceType: attachment.resourceType,
    resourceId: attachment.resourceId,
    state: currentState(context, attachment),
    association: association
      ? { transitGatewayRouteTableId: association.routeTableId, state: stateAt(association.lifecycle, context.now) }
      : undefined,
    creationTime: new Date(attachment.createdAt),
    tagSet: tagSet(attachment.tags),
  };
}

function routeTableXml(context: ActionContext, table: TransitGatewayRouteTableRecord) {
  return {
    transitGatewayRouteTableId: table.id,
    transitGatewayId: table.transitGatewayId,
    state: currentState(context, table),
    defaultAssociationRouteTable: table.defaultAssociation,
    defaultPropagationRouteTable: table.defaultPropagation,
    creationTime: new Date(table.createdAt),
    tagSet: tagSet(table.tags),
  };
}

function gatewayField(context: ActionContext) {
  return (gateway: TransitGatewayRecord, name: string): string[] | undefined => {
    switch (name) {
      case "transit-gateway-id":
        return [gateway.id];
      case "state":
        return [currentState(context, gateway)];
      case "owner-id":
        return [gateway.ownerId];
      case "options.amazon-side-asn":
        return [String(gateway.amazonSideAsn)];
      default:
        return undefined;
    }
  };
}

function attachmentField(context: ActionContext) {
  return (attachment: TransitGatewayAttachmentRecord, name: string): string[] | undefined => {
    switch (name) {
      case "transit-gateway-attachment-id":
        return [attachment.id];
      case "transit-gateway-id":
        return [attachment.transitGatewayId];
      case "state":
        return [currentState(context, attachment)];
      case "vpc-id":
      case "resource-id":
        return [attachment.resourceId];
      case "resource-type":
        return [attachment.resourceType];
      case "resource-owner-id":
      case "vpc-owner-id":
        return [attachment.ownerId];
      case "association.transit-gateway-route-table-id": {
        const association = liveAssociation(context, attachment);
        return association ? [association.routeTableId] : [];
      }
      case "association.state": {
        const association = liveAssociation(context, attachment);
        return association ? [stateAt(association.lifecycle, context.now)] : [];
      }
      default:
        return undefined;
    }
  };
}

function routeTableField(context: ActionContext) {
  return (table: TransitGatewayRouteTableRecord, name: string): string[] | undefined => {
    switch (name) {
      case "transit-gateway-route-table-id":
        return [table.id];
      case "transit-gateway-id":
        return [table.transitGatewayId];
      case "state":
        return [currentState(context, table)];
      case "default-association-route-table":
        return [String(table.defaultAssociation)];
      case "default-propagation-route-table":
        return [String(table.defaultPropagation)];
      default:
        return undefined;
    }
  };
}

function availableGateway(context: ActionContext): TransitGatewayRecord {
  const gateway = findLive(context, context.regionState.transitGateways, context.params.requiredString("TransitGatewayId"), transitGatewayNotFound);
  const state = currentState(context, gateway);
  if (state !== "available") {
    throw new SandboxError("IncorrectState", `Transit Gateway ${gateway.id} is in invalid state ${state}.`);
  }
  return gateway;
}

function findAttachment(context: ActionContext): TransitGatewayAttachmentRecord {
  return findLive(
    context,
    context.regionState.transitGatewayAttachments,
    context.params.requiredString("TransitGatewayAttachmentId"),
    attachmentNotFound,
  );
}

function findRouteTable(context: ActionContext): TransitGatewayRouteTableRecord {
  return findLive(
    context,
    context.regionState.transitGatewayRouteTables,
    context.params.requiredString("TransitGatewayRouteTableId"),
    routeTableNotFound,
  );
}

function requireAvailable(context: ActionContext, record: { id: string; lifecycle: TransitGatewayRecord["lifecycle"] }): void {
  const state = stateAt(record.lifecycle, context.now);
  if (state !== "available") throw new SandboxError("IncorrectState", `${record.id} is in invalid state ${state}.`);
}

/** Routes of a table: its static routes, plus the VPC CIDRs of attachments propagating into it. */
function routesOf(context: ActionContext, table: TransitGatewayRouteTableRecord) {
  const rs = context.regionState;
  const attachmentRef = (attachmentId: string) => {
    const attachment = rs.transitGatewayAttachments[attachmentId];
    return attachment
      ? [{ transitGatewayAttachmentId: attachment.id, resourceId: attachment.resourceId, resourceType: attachment.resourceType }]
      : [];
  };
  const statics = table.staticRoutes.map((route) => ({
    destinationCidrBlock: route.destinationCidrBlock,
    transitGatewayAttachments: route.attachmentId ? attachmentRef(route.attachmentId) : [],
    type: "static",
    state: route.blackhole ? "blackhole" : "active",
  }));
  const propagated = table.propagations.flatMap((attachmentId) => {
    const attachment = rs.transitGatewayAttachments[attachmentId];
    if (!attachment || attachment.resourceType !== "vpc" || stateAt(attachment.lifecycle, context.now) !== "available") return [];
    const vpc = rs.vpcs[attachment.resourceId];
    if (!vpc) return [];
    return [{ destinationCidrBlock: vpc.cidrBlock, transitGatewayAttachments: attachmentRef(attachmentId), type: "propagated", state: "active" }];
  });
  return [...statics, ...propagated];
}

type TgwRoute = ReturnType<typeof routesOf>[number];

function routeField(route: TgwRoute, name: string): string[] | undefined {
  switch (name) {
    case "type":
      return [route.type];
    case "state":
      return [route.state];
    case "route-search.exact-match":
      return [route.destinationCidrBlock];
    case "attachment.transit-gateway-attachment-id":
      return route.transitGatewayAttachments.map((a) => a.transitGatewayAttachmentId);
    case "attachment.resource-id":
      return route.transitGatewayAttachments.map((a) => a.resourceId);
    case "attachment.resource-type":
      return route.transitGatewayAttachments.map((a) => a.resourceType);
    default:
      return undefined;
  }
}

export const transitGatewayActions: Record<string, ActionSpec> = {
  CreateTransitGateway: {
    mutates: true,
    run(context) {
      const options = context.params.struct("Options");
      const amazonSideAsn = options.integer("AmazonSideAsn") ?? 64512;
      if (!isPrivateAmazonAsn(amazonSideAsn)) {
        throw invalidParameterValue(`The Amazon side ASN ${amazonSideAsn} is invalid: use a private ASN in 64512-65534 or 4200000000-4294967294.`);
      }
      if (listedOwn(context, context.regionState.transitGateways).filter((g) => currentState(context, g) !== "deleted").length >= context.quota("transitGateways")) {
        throw new SandboxError("TransitGatewayLimitExceeded", "You've reached the limit on the number of transit gateways.");
      }
      const tags = readTagSpecifications(context.params, "transit-gateway");
      const lifecycle = moving("pending", "available", context.now, context.timing.transitGatewayProvisionMs(context.prng));
      const gateway: TransitGatewayRecord = {
        id: newResourceId(context.prng, "tgw"),
        ownerId: context.accountId,
        description: context.params.string("Description"),
        amazonSideAsn,
        autoAcceptSharedAttachments: enableDisable(options.string("AutoAcceptSharedAttachments"), "AutoAcceptSharedAttachments", "disable"),
        defaultRouteTableAssociation: enableDisable(options.string("DefaultRouteTableAssociation"), "DefaultRouteTableAssociation", "enable"),
        defaultRouteTablePropagation: enableDisable(options.string("DefaultRouteTablePropagation"), "DefaultRouteTablePropagation", "enable"),
        vpnEcmpSupport: enableDisable(options.string("VpnEcmpSupport"), "VpnEcmpSupport", "enable"),
        dnsSupport: enableDisable(options.string("DnsSupport"), "DnsSupport", "enable"),
        lifecycle,
        createdAt: context.now,
        tags,
      };
      context.regionState.transitGateways[gateway.id] = gateway;
      if (gateway.defaultRouteTableAssociation === "enable" || gateway.defaultRouteTablePropagation === "enable") {
        gateway.defaultRouteTableId = createRouteTableRecord(context, gateway, { defaults: true, lifecycle, tags: {} }).id;
      }
      context.recordCreated(gateway.id);
      return { transitGateway: gatewayXml(context, gateway) };
    },
  },
  DescribeTransitGateways: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.transitGateways);
      const selected = selectByIds(all, context.params.list("TransitGatewayIds"), (g) => g.id, transitGatewayNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), gatewayField(context), (g) => g.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { transitGatewaySet: page.map((gateway) => gatewayXml(context, gateway)), nextToken };
    },
  },
  DeleteTransitGateway: {
    mutates: true,
    run(context) {
      const gateway = findLive(context, context.regionState.transitGateways, context.params.requiredString("TransitGatewayId"), transitGatewayNotFound);
      const attached = Object.values(context.regionState.transitGatewayAttachments).some(
        (attachment) => attachment.transitGatewayId === gateway.id && currentState(context, attachment) !== "deleted",
      );
      if (attached) {
        throw new SandboxError("IncorrectState", `${gateway.id} has non-deleted Transit Gateway Attachments.`);
      }
      const tables = Object.values(context.regionState.transitGatewayRouteTables).filter(
        (table) => table.transitGatewayId === gateway.id && currentState(context, table) !== "deleted",
      );
      if (tables.some((table) => table.id !== gateway.defaultRouteTableId)) {
        throw new SandboxError("IncorrectState", `${gateway.id} has non-default Transit Gateway Route Tables.`);
      }
      const lifecycle = moving("deleting", "deleted", context.now, context.timing.transitGatewayDeletionMs(context.prng));
      gateway.lifecycle = lifecycle;
      for (const table of tables) table.lifecycle = lifecycle;
      return { transitGateway: gatewayXml(context, gateway) };
    },
  },
  CreateTransitGatewayVpcAttachment: {
    mutates: true,
    run(context) {
      const gateway = availableGateway(context);
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      const subnetIds = context.params.list("SubnetIds");
      if (subnetIds.length === 0) throw missingParameter("SubnetIds");
      const zones = new Set<string>();
      for (const subnetId of subnetIds) {
        const subnet = findSubnet(context, subnetId);
        if (subnet.vpcId !== vpc.id) throw invalidParameterValue(`Subnet ${subnetId} does not belong to ${vpc.id}.`);
        if (zones.has(subnet.zoneId)) {
          throw new SandboxError("DuplicateSubnetsInSameZone", `Duplicate Subnets for same AZ: ${subnetId} is in a zone already used.`);
        }
        zones.add(subnet.zoneId);
      }
      // A VPC attaches at most once to a transit gateway.
      const duplicate = Object.values(context.regionState.transitGatewayAttachments).find(
        (attachment) =>
          attachment.transitGatewayId === gateway.id &&
          attachment.resourceType === "vpc" &&
          attachment.resourceId === vpc.id &&
          currentState(context, attachment) !== "deleted",
      );
      if (duplicate) {
        throw new SandboxError(
          "DuplicateTransitGatewayAttachment",
          `${gateway.id} has non-deleted Transit Gateway Attachments with same VPC ID.`,
        );
      }
      const options = context.params.struct("Options");
      const tags = readTagSpecifications(context.params, "transit-gateway-attachment", "TagSpecifications");
      const lifecycle = moving("pending", "available", context.now, context.timing.transitGatewayProvisionMs(context.prng));
      const attachment = createAttachmentRecord(context, gateway, "vpc", vpc.id, subnetIds, lifecycle, {
        dnsSupport: enableDisable(options.string("DnsSupport"), "DnsSupport", "enable"),
        tags,
      });
      context.recordCreated(attachment.id);
      return { transitGatewayVpcAttachment: vpcAttachmentXml(context, attachment) };
    },
  },
  DescribeTransitGatewayVpcAttachments: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.transitGatewayAttachments).filter((a) => a.resourceType === "vpc");
      const selected = selectByIds(all, context.params.list("TransitGatewayAttachmentIds"), (a) => a.id, attachmentNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), attachmentField(context), (a) => a.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { transitGatewayVpcAttachments: page.map((a) => vpcAttachmentXml(context, a)), nextToken };
    },
  },
  DescribeTransitGatewayAttachments: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.transitGatewayAttachments);
      const selected = selectByIds(all, context.params.list("TransitGatewayAttachmentIds"), (a) => a.id, attachmentNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), attachmentField(context), (a) => a.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { transitGatewayAttachments: page.map((a) => attachmentXml(context, a)), nextToken };
    },
  },
  DeleteTransitGatewayVpcAttachment: {
    mutates: true,
    run(context) {
      const attachment = findAttachment(context);
      if (attachment.resourceType !== "vpc") throw attachmentNotFound(attachment.id);
      if (currentState(context, attachment) !== "deleting") {
        attachment.lifecycle = moving("deleting", "deleted", context.now, context.timing.transitGatewayDeletionMs(context.prng));
        attachment.association = undefined;
        for (const table of Object.values(context.regionState.transitGatewayRouteTables)) {
          table.propagations = table.propagations.filter((id) => id !== attachment.id);
        }
      }
      return { transitGatewayVpcAttachment: vpcAttachmentXml(context, attachment) };
    },
  },
  CreateTransitGatewayRouteTable: {
    mutates: true,
    run(context) {
      const gateway = availableGateway(context);
      const tags = readTagSpecifications(context.params, "transit-gateway-route-table", "TagSpecifications");
      const lifecycle = moving("pending", "available", context.now, context.timing.transitGatewayRouteTableMs(context.prng));
      const table = createRouteTableRecord(context, gateway, { defaults: false, lifecycle, tags });
      context.recordCreated(table.id);
      return { transitGatewayRouteTable: routeTableXml(context, table) };
    },
  },
  DescribeTransitGatewayRouteTables: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.transitGatewayRouteTables);
      const selected = selectByIds(all, context.params.list("TransitGatewayRouteTableIds"), (t) => t.id, routeTableNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), routeTableField(context), (t) => t.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { transitGatewayRouteTables: page.map((table) => routeTableXml(context, table)), nextToken };
    },
  },
  DeleteTransitGatewayRouteTable: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const gateway = context.regionState.transitGateways[table.transitGatewayId];
      if (gateway?.defaultRouteTableId === table.id && currentState(context, gateway) !== "deleting") {
        throw new SandboxError("IncorrectState", `Default route table ${table.id} cannot be deleted while its transit gateway exists.`);
      }
      const associated = Object.values(context.regionState.transitGatewayAttachments).some(
        (attachment) => liveAssociation(context, attachment)?.routeTableId === table.id,
      );
      if (associated) throw new SandboxError("IncorrectState", `${table.id} has associations and cannot be deleted.`);
      if (currentState(context, table) !== "deleting") {
        table.lifecycle = moving("deleting", "deleted", context.now, context.timing.transitGatewayRouteTableMs(context.prng));
      }
      return { transitGatewayRouteTable: routeTableXml(context, table) };
    },
  },
  AssociateTransitGatewayRouteTable: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const attachment = findAttachment(context);
      requireAvailable(context, table);
      requireAvailable(context, attachment);
      if (attachment.transitGatewayId !== table.transitGatewayId) {
        throw invalidParameterValue(`${attachment.id} and ${table.id} belong to different transit gateways.`);
      }
      const current = liveAssociation(context, attachment);
      if (current) {
        throw new SandboxError("Resource.AlreadyAssociated", `Transit Gateway Attachment ${attachment.id} is already associated to a route table.`);
      }
      attachment.association = {
        routeTableId: table.id,
        lifecycle: moving("associating", "associated", context.now, context.timing.transitGatewayRouteTableMs(context.prng)),
      };
      return {
        association: {
          transitGatewayRouteTableId: table.id,
          transitGatewayAttachmentId: attachment.id,
          resourceId: attachment.resourceId,
          resourceType: attachment.resourceType,
          state: "associating",
        },
      };
    },
  },
  DisassociateTransitGatewayRouteTable: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const attachment = findAttachment(context);
      const current = liveAssociation(context, attachment);
      if (!current || current.routeTableId !== table.id) {
        throw new SandboxError("InvalidAssociation.NotFound", `${attachment.id} is not associated with ${table.id}.`);
      }
      current.lifecycle = moving("disassociating", "disassociated", context.now, context.timing.transitGatewayRouteTableMs(context.prng));
      return {
        association: {
          transitGatewayRouteTableId: table.id,
          transitGatewayAttachmentId: attachment.id,
          resourceId: attachment.resourceId,
          resourceType: attachment.resourceType,
          state: "disassociating",
        },
      };
    },
  },
  EnableTransitGatewayRouteTablePropagation: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const attachment = findAttachment(context);
      requireAvailable(context, table);
      if (table.propagations.includes(attachment.id)) {
        throw new SandboxError(
          "TransitGatewayRouteTablePropagation.Duplicate",
          `Propagation of ${attachment.id} to ${table.id} is already enabled.`,
        );
      }
      table.propagations.push(attachment.id);
      return {
        propagation: {
          transitGatewayAttachmentId: attachment.id,
          resourceId: attachment.resourceId,
          resourceType: attachment.resourceType,
          transitGatewayRouteTableId: table.id,
          state: "enabling",
        },
      };
    },
  },
  DisableTransitGatewayRouteTablePropagation: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const attachment = findAttachment(context);
      if (!table.propagations.includes(attachment.id)) {
        throw new SandboxError("InvalidPropagation.NotFound", `Propagation of ${attachment.id} to ${table.id} does not exist.`);
      }
      table.propagations = table.propagations.filter((id) => id !== attachment.id);
      return {
        propagation: {
          transitGatewayAttachmentId: attachment.id,
          resourceId: attachment.resourceId,
          resourceType: attachment.resourceType,
          transitGatewayRouteTableId: table.id,
          state: "disabling",
        },
      };
    },
  },
  GetTransitGatewayRouteTableAssociations: {
    mutates: false,
    run(context) {
      const table = findRouteTable(context);
      const rows = Object.values(context.regionState.transitGatewayAttachments)
        .filter((attachment) => liveAssociation(context, attachment)?.routeTableId === table.id)
        .map((attachment) => ({
          transitGatewayAttachmentId: attachment.id,
          resourceId: attachment.resourceId,
          resourceType: attachment.resourceType,
          state: stateAt(liveAssociation(context, attachment)?.lifecycle ?? { state: "associated" }, context.now),
        }));
      const { page, nextToken } = paginate(rows, context.params, { min: 5, max: 1000 });
      return { associations: page, nextToken };
    },
  },
  GetTransitGatewayRouteTablePropagations: {
    mutates: false,
    run(context) {
      const table = findRouteTable(context);
      const rows = table.propagations.flatMap((attachmentId) => {
        const attachment = context.regionState.transitGatewayAttachments[attachmentId];
        if (!attachment) return [];
        return [{ transitGatewayAttachmentId: attachment.id, resourceId: attachment.resourceId, resourceType: attachment.resourceType, state: "enabled" }];
      });
      const { page, nextToken } = paginate(rows, context.params, { min: 5, max: 1000 });
      return { transitGatewayRouteTablePropagations: page, nextToken };
    },
  },
  CreateTransitGatewayRoute: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const destination = context.params.requiredString("DestinationCidrBlock");
      if (!parseCidr(destination)) {
        throw invalidParameterValue(`Value (${destination}) for parameter DestinationCidrBlock is invalid. This is not a valid CIDR block.`);
      }
      const blackhole = context.params.boolean("Blackhole") ?? false;
      const attachmentId = context.params.string("TransitGatewayAttachmentId");
      if (blackhole === (attachmentId !== undefined)) {
        throw new SandboxError("InvalidParameterCombination", "Specify either TransitGatewayAttachmentId or Blackhole.");
      }
      if (attachmentId !== undefined) {
        const attachment = findLive(context, context.regionState.transitGatewayAttachments, attachmentId, attachmentNotFound);
        if (attachment.transitGatewayId !== table.transitGatewayId) {
          throw invalidParameterValue(`${attachment.id} and ${table.id} belong to different transit gateways.`);
        }
      }
      if (table.staticRoutes.some((route) => route.destinationCidrBlock === destination)) {
        throw new SandboxError("RouteAlreadyExists", `Route ${destination} already exists in Transit Gateway Route Table ${table.id}.`);
      }
      table.staticRoutes.push({ destinationCidrBlock: destination, attachmentId, blackhole });
      const route = routesOf(context, table).find((candidate) => candidate.destinationCidrBlock === destination && candidate.type === "static");
      return { route };
    },
  },
  DeleteTransitGatewayRoute: {
    mutates: true,
    run(context) {
      const table = findRouteTable(context);
      const destination = context.params.requiredString("DestinationCidrBlock");
      const route = routesOf(context, table).find((candidate) => candidate.destinationCidrBlock === destination && candidate.type === "static");
      if (!route) {
        throw new SandboxError("InvalidRoute.NotFound", `No route with destination-cidr-block ${destination} in Transit Gateway Route Table ${table.id}.`);
      }
      table.staticRoutes = table.staticRoutes.filter((candidate) => candidate.destinationCidrBlock !== destination);
      return { route: { ...route, state: "deleted" } };
    },
  },
  SearchTransitGatewayRoutes: {
    mutates: false,
    run(context) {
      const table = findRouteTable(context);
      const filters = readFilters(context.params);
      if (filters.length === 0) throw missingParameter("Filters");
      const routes = applyFilters(routesOf(context, table), filters, routeField, () => ({}));
      const max = context.params.integer("MaxResults") ?? 1000;
      return { routeSet: routes.slice(0, max), additionalRoutesAvailable: routes.length > max };
    },
  },
};
