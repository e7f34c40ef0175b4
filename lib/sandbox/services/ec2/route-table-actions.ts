import { stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { currentState } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { ownRecords, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { ensureMainRouteTable } from "@/lib/sandbox/services/ec2/network-records";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { tagSet } from "@/lib/sandbox/services/ec2/tags";
import { attachedVpcId, vpnGatewayNotFound } from "@/lib/sandbox/services/ec2/vpn-gateway-actions";
import type { RouteTableRecord } from "@/lib/sandbox/state/schema";

function routeTableNotFound(id: string): SandboxError {
  return new SandboxError("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
}

function ownTables(context: ActionContext): RouteTableRecord[] {
  for (const vpc of ownRecords(context, context.regionState.vpcs)) ensureMainRouteTable(context, vpc);
  return ownRecords(context, context.regionState.routeTables);
}

function findTable(context: ActionContext): RouteTableRecord {
  const id = context.params.requiredString("RouteTableId");
  const table = ownTables(context).find((candidate) => candidate.id === id);
  if (!table) throw routeTableNotFound(id);
  return table;
}

/** A route is active while its target can carry traffic, a blackhole otherwise (as AWS shows it). */
function targetActive(context: ActionContext, table: RouteTableRecord, route: RouteTableRecord["routes"][number]): boolean {
  const rs = context.regionState;
  if (route.gatewayId === "local") return true;
  if (route.gatewayId?.startsWith("vgw-")) {
    const gateway = rs.vpnGateways[route.gatewayId];
    return gateway !== undefined && attachedVpcId(context, gateway) === table.vpcId;
  }
  if (route.transitGatewayId) {
    return Object.values(rs.transitGatewayAttachments).some(
      (attachment) =>
        attachment.transitGatewayId === route.transitGatewayId &&
        attachment.resourceId === table.vpcId &&
        stateAt(attachment.lifecycle, context.now) === "available",
    );
  }
  return false;
}

/**
 * Routes the VPN connections of a propagating gateway learned: their static routes. (BGP routes
 * would come from the customer's device, which the sandbox does not run.)
 */
function propagatedRoutes(context: ActionContext, table: RouteTableRecord) {
  return table.propagatingVgws.flatMap((gatewayId) => {
    const gateway = context.regionState.vpnGateways[gatewayId];
    if (!gateway || attachedVpcId(context, gateway) !== table.vpcId) return [];
    return Object.values(context.regionState.vpnConnections)
      .filter((connection) => connection.vpnGatewayId === gatewayId && currentState(context, connection) === "available")
      .flatMap((connection) => connection.routes.filter((route) => stateAt(route.lifecycle, context.now) === "available"))
      .map((route) => ({
        destinationCidrBlock: route.destinationCidrBlock,
        gatewayId,
        origin: "EnableVgwRoutePropagation",
        state: "active",
      }));
  });
}

function routeTableXml(context: ActionContext, table: RouteTableRecord) {
  return {
    routeTableId: table.id,
    vpcId: table.vpcId,
    ownerId: table.ownerId,
    associationSet: table.main
      ? [
          {
            main: true,
            routeTableAssociationId: table.mainAssociationId,
            routeTableId: table.id,
            associationState: { state: "associated" },
          },
        ]
      : [],
    propagatingVgwSet: table.propagatingVgws.map((gatewayId) => ({ gatewayId })),
    routeSet: [
      ...table.routes.map((route) => ({
        destinationCidrBlock: route.destinationCidrBlock,
        gatewayId: route.gatewayId,
        transitGatewayId: route.transitGatewayId,
        origin: route.origin,
        state: targetActive(context, table, route) ? "active" : "blackhole",
      })),
      ...propagatedRoutes(context, table),
    ],
    tagSet: tagSet(table.tags),
  };
}

function field(table: RouteTableRecord, name: string): string[] | undefined {
  switch (name) {
    case "route-table-id":
    case "association.route-table-id":
      return [table.id];
    case "vpc-id":
      return [table.vpcId];
    case "owner-id":
      return [table.ownerId];
    case "association.main":
      return [String(table.main)];
    case "association.route-table-association-id":
      return table.main ? [table.mainAssociationId] : [];
    case "route.destination-cidr-block":
      return table.routes.map((route) => route.destinationCidrBlock);
    case "route.gateway-id":
      return table.routes.flatMap((route) => (route.gatewayId ? [route.gatewayId] : []));
    case "route.transit-gateway-id":
      return table.routes.flatMap((route) => (route.transitGatewayId ? [route.transitGatewayId] : []));
    default:
      return undefined;
  }
}

function findPropagationGateway(context: ActionContext, table: RouteTableRecord) {
  const gatewayId = context.params.requiredString("GatewayId");
  const gateway = context.regionState.vpnGateways[gatewayId];
  if (!gateway || gateway.ownerId !== context.accountId || currentState(context, gateway) === "deleted") {
    throw vpnGatewayNotFound(gatewayId);
  }
  if (attachedVpcId(context, gateway) !== table.vpcId) {
    throw new SandboxError("Gateway.NotAttached", `resource ${gatewayId} is not attached to network ${table.vpcId}`);
  }
  return gateway;
}

export const routeTableActions: Record<string, ActionSpec> = {
  DescribeRouteTables: {
    mutates: false,
    run(context) {
      const all = ownTables(context);
      const selected = selectByIds(all, context.params.list("RouteTableId"), (table) => table.id, routeTableNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), field, (table) => table.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 100 });
      return { routeTableSet: page.map((table) => routeTableXml(context, table)), nextToken };
    },
  },
  CreateRoute: {
    mutates: true,
    run(context) {
      const table = findTable(context);
      const destination = context.params.string("DestinationCidrBlock");
      if (!destination) throw missingParameter("DestinationCidrBlock");
      if (!parseCidr(destination)) {
        throw invalidParameterValue(`Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
      }
      const gatewayId = context.params.string("GatewayId");
      const transitGatewayId = context.params.string("TransitGatewayId");
      if ((gatewayId === undefined) === (transitGatewayId === undefined)) {
        throw new SandboxError("InvalidParameterCombination", "Exactly one route target must be specified (GatewayId or TransitGatewayId).");
      }
      if (gatewayId !== undefined) {
        const gateway = context.regionState.vpnGateways[gatewayId];
        if (!gateway || gateway.ownerId !== context.accountId) {
          throw new SandboxError("InvalidGatewayID.NotFound", `The gateway ID '${gatewayId}' does not exist`);
        }
        if (attachedVpcId(context, gateway) !== table.vpcId) {
          throw new SandboxError("Gateway.NotAttached", `resource ${gatewayId} is not attached to network ${table.vpcId}`);
        }
      }
      if (transitGatewayId !== undefined && !context.regionState.transitGateways[transitGatewayId]) {
        throw new SandboxError("InvalidTransitGatewayID.NotFound", `Transit Gateway ${transitGatewayId} was deleted or does not exist.`);
      }
      if (table.routes.some((route) => route.destinationCidrBlock === destination)) {
        throw new SandboxError(
          "RouteAlreadyExists",
          `The route identified by ${destination} already exists.`,
        );
      }
      table.routes.push({ destinationCidrBlock: destination, gatewayId, transitGatewayId, origin: "CreateRoute" });
      return { return: true };
    },
  },
  DeleteRoute: {
    mutates: true,
    run(context) {
      const table = findTable(context);
      const destination = context.params.requiredString("DestinationCidrBlock");
      const route = table.routes.find((candidate) => candidate.destinationCidrBlock === destination);
      if (!route) {
        throw new SandboxError(
          "InvalidRoute.NotFound",
          `no route with destination-cidr-block ${destination} in route table ${table.id}`,
        );
      }
      if (route.gatewayId === "local") {
        throw new SandboxError("InvalidParameterValue", `cannot remove local route ${destination} in route table ${table.id}`);
      }
      table.routes = table.routes.filter((candidate) => candidate !== route);
      return { return: true };
    },
  },
  EnableVgwRoutePropagation: {
    mutates: true,
    run(context) {
      const table = findTable(context);
      const gateway = findPropagationGateway(context, table);
      if (!table.propagatingVgws.includes(gateway.id)) table.propagatingVgws.push(gateway.id);
      return { return: true };
    },
  },
  DisableVgwRoutePropagation: {
    mutates: true,
    run(context) {
      const table = findTable(context);
      const gatewayId = context.params.requiredString("GatewayId");
      table.propagatingVgws = table.propagatingVgws.filter((candidate) => candidate !== gatewayId);
      return { return: true };
    },
  },
};
