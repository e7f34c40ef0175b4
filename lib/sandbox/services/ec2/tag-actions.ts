import { isListed } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { isListedEndpoint } from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTags } from "@/lib/sandbox/services/ec2/tags";
import type { Lifecycle } from "@/lib/sandbox/state/schema";

interface Taggable {
  resourceId: string;
  resourceType: string;
  tags: Record<string, string>;
}

/** Every taggable resource the caller owns, with the resource-type names AWS uses in tag APIs. */
function taggables(context: ActionContext): Taggable[] {
  const rs = context.regionState;
  const mine = <T extends { ownerId: string; createdAt: number }>(record: T) =>
    record.ownerId === context.accountId && !context.hiddenSinceCreate(record.createdAt);
  const listed = <T extends { id: string; ownerId: string; createdAt: number; lifecycle: Lifecycle; tags: Record<string, string> }>(
    records: Readonly<Record<string, T>>,
    resourceType: string,
  ): Taggable[] =>
    Object.values(records)
      .filter((r) => mine(r) && isListed(r.lifecycle, context.now))
      .map((r) => ({ resourceId: r.id, resourceType, tags: r.tags }));
  return [
    ...Object.values(rs.vpcs).filter(mine).map((r) => ({ resourceId: r.id, resourceType: "vpc", tags: r.tags })),
    ...Object.values(rs.subnets).filter(mine).map((r) => ({ resourceId: r.id, resourceType: "subnet", tags: r.tags })),
    ...Object.values(rs.securityGroups)
      .filter(mine)
      .map((r) => ({ resourceId: r.id, resourceType: "security-group", tags: r.tags })),
    ...Object.values(rs.endpoints)
      .filter((r) => mine(r) && isListedEndpoint(r, context.now))
      .map((r) => ({ resourceId: r.id, resourceType: "vpc-endpoint", tags: r.tags })),
    ...Object.values(rs.endpointServices)
      .filter(mine)
      .map((r) => ({ resourceId: r.id, resourceType: "vpc-endpoint-service", tags: r.tags })),
    ...Object.values(rs.routeTables).filter(mine).map((r) => ({ resourceId: r.id, resourceType: "route-table", tags: r.tags })),
    ...listed(rs.clientVpnEndpoints, "client-vpn-endpoint"),
    ...listed(rs.customerGateways, "customer-gateway"),
    ...listed(rs.vpnGateways, "vpn-gateway"),
    ...listed(rs.vpnConnections, "vpn-connection"),
    ...listed(rs.transitGateways, "transit-gateway"),
    ...listed(rs.transitGatewayAttachments, "transit-gateway-attachment"),
    ...listed(rs.transitGatewayRouteTables, "transit-gateway-route-table"),
  ];
}

// Longer prefixes first: "tgw-attach-" and "tgw-rtb-" before "tgw-", "vpce-" before "vpc-".
const NOT_FOUND_BY_PREFIX: ReadonlyArray<[string, string, string]> = [
  ["cvpn-endpoint-", "InvalidClientVpnEndpointId.NotFound", "The Client VPN endpoint ID '%' does not exist"],
  ["tgw-attach-", "InvalidTransitGatewayAttachmentID.NotFound", "Transit Gateway Attachment % was deleted or does not exist."],
  ["tgw-rtb-", "InvalidRouteTableID.NotFound", "Transit Gateway Route Table % was deleted or does not exist."],
  ["tgw-", "InvalidTransitGatewayID.NotFound", "Transit Gateway % was deleted or does not exist."],
  ["cgw-", "InvalidCustomerGatewayID.NotFound", "The customerGateway ID '%' does not exist"],
  ["vgw-", "InvalidVpnGatewayID.NotFound", "The vpnGateway ID '%' does not exist"],
  ["vpn-", "InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%' does not exist"],
  ["rtb-", "InvalidRouteTableID.NotFound", "The routeTable ID '%' does not exist"],
  ["vpce-svc-", "InvalidVpcEndpointServiceId.NotFound", "The VpcEndpointService Id '%' does not exist"],
  ["vpce-", "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '%' does not exist"],
  ["vpc-", "InvalidVpcID.NotFound", "The vpc ID '%' does not exist"],
  ["subnet-", "InvalidSubnetID.NotFound", "The subnet ID '%' does not exist"],
  ["sg-", "InvalidGroup.NotFound", "The security group '%' does not exist"],
];

function resolve(context: ActionContext, ids: readonly string[]): Taggable[] {
  if (ids.length === 0) throw missingParameter("ResourceId");
  const byId = new Map(taggables(context).map((t) => [t.resourceId, t]));
  return ids.map((id) => {
    const found = byId.get(id);
    if (found) return found;
    const known = NOT_FOUND_BY_PREFIX.find(([prefix]) => id.startsWith(prefix));
    if (!known) throw invalidParameterValue(`Invalid id: "${id}"`);
    throw new SandboxError(known[1], known[2].replace("%", id));
  });
}

function tagField(tag: { resourceId: string; resourceType: string; key: string; value: string }, name: string) {
  switch (name) {
    case "resource-id":
      return [tag.resourceId];
    case "resource-type":
      return [tag.resourceType];
    case "key":
      return [tag.key];
    case "value":
      return [tag.value];
    default:
      return undefined;
  }
}

export const tagActions: Record<string, ActionSpec> = {
  CreateTags: {
    mutates: true,
    run(context) {
      const resources = resolve(context, context.params.list("ResourceId"));
      const tags = readTags(context.params, "Tag");
      for (const resource of resources) {
        if (Object.keys({ ...resource.tags, ...tags }).length > 50) {
          throw new SandboxError("TagLimitExceeded", `The maximum number of Tags for resource ${resource.resourceId} has been reached.`);
        }
      }
      for (const resource of resources) Object.assign(resource.tags, tags);
      return { return: true };
    },
  },
  DeleteTags: {
    mutates: true,
    run(context) {
      const resources = resolve(context, context.params.list("ResourceId"));
      const requested = context.params.structList("Tag").map((tag) => ({
        key: tag.requiredString("Key"),
        value: tag.string("Value"),
      }));
      for (const resource of resources) {
        if (requested.length === 0) {
          for (const key of Object.keys(resource.tags)) delete resource.tags[key];
          continue;
        }
        for (const { key, value } of requested) {
          // A tag given with a value is deleted only when the value matches, as in AWS.
          if (value === undefined || resource.tags[key] === value) delete resource.tags[key];
        }
      }
      return { return: true };
    },
  },
  DescribeTags: {
    mutates: false,
    run(context) {
      const rows = taggables(context).flatMap((resource) =>
        Object.entries(resource.tags).map(([key, value]) => ({
          resourceId: resource.resourceId,
          resourceType: resource.resourceType,
          key,
          value,
        })),
      );
      const filtered = applyFilters(rows, readFilters(context.params), tagField, () => ({}));
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { tagSet: page, nextToken };
    },
  },
};
