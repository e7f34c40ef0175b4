import { newResourceId } from "@/lib/sandbox/ids";
import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { customerGatewayConfiguration } from "@/lib/sandbox/services/ec2/customer-gateway-configuration";
import { customerGatewayNotFound } from "@/lib/sandbox/services/ec2/customer-gateway-actions";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { currentState, findLive, listedOwn } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import { createAttachmentRecord, transitGatewayNotFound } from "@/lib/sandbox/services/ec2/transit-gateway-records";
import { DEVICE_TYPES, findDeviceType, sampleConfiguration } from "@/lib/sandbox/services/ec2/vpn-device-configs";
import { vpnGatewayNotFound } from "@/lib/sandbox/services/ec2/vpn-gateway-actions";
import {
  generateInsideCidr,
  generateOutsideAddress,
  generatePreSharedKey,
  validateInsideCidr,
  validatePreSharedKey,
} from "@/lib/sandbox/services/ec2/vpn-tunnels";
import type { BaseContext } from "@/lib/sandbox/services/service";
import type { TunnelRecord, VpnConnectionRecord } from "@/lib/sandbox/state/schema";

const VPN_CONNECTIONS_PER_GATEWAY = 10;
const FINGERPRINT_EXCLUDED = ["Action", "Version", "DryRun"];

export function vpnConnectionNotFound(id: string): SandboxError {
  return new SandboxError("InvalidVpnConnectionID.NotFound", `The vpnConnection ID '${id}' does not exist`);
}

function amazonSideAsn(context: BaseContext, connection: VpnConnectionRecord): number {
  const rs = context.regionState;
  if (connection.vpnGatewayId) return rs.vpnGateways[connection.vpnGatewayId]?.amazonSideAsn ?? 64512;
  return rs.transitGateways[connection.transitGatewayId ?? ""]?.amazonSideAsn ?? 64512;
}

function liveRoutes(context: BaseContext, connection: VpnConnectionRecord) {
  return connection.routes.filter((route) => stateAt(route.lifecycle, context.now) !== "deleted");
}

/** What the tunnel's telemetry says: DOWN until the customer's side brings it up (setVpnTunnelStatus). */
function telemetryXml(context: BaseContext, connection: VpnConnectionRecord, tunnel: TunnelRecord) {
  const up = tunnel.status === "UP" && currentState(context, connection) === "available";
  const accepted = up && connection.staticRoutesOnly ? liveRoutes(context, connection).length : 0;
  return {
    outsideIpAddress: tunnel.outsideIpAddress,
    status: up ? "UP" : "DOWN",
    lastStatusChange: new Date(tunnel.lastStatusChange),
    statusMessage: up ? (connection.staticRoutesOnly ? "" : `${accepted} BGP ROUTES`) : tunnel.statusMessage,
    acceptedRouteCount: accepted,
  };
}

export function vpnConnectionXml(context: BaseContext, connection: VpnConnectionRecord) {
  const state = currentState(context, connection);
  const customerGateway = context.regionState.customerGateways[connection.customerGatewayId];
  const configuration =
    customerGateway && (state === "pending" || state === "available")
      ? customerGatewayConfiguration(connection, customerGateway, amazonSideAsn(context, connection))
      : undefined;
  return {
    vpnConnectionId: connection.id,
    state,
    type: connection.type,
    category: "VPN",
    customerGatewayId: connection.customerGatewayId,
    vpnGatewayId: connection.vpnGatewayId,
    transitGatewayId: connection.transitGatewayId,
    customerGatewayConfiguration: configuration,
    gatewayAssociationState: state === "deleted" ? "disassociated" : "associated",
    options: {
      enableAcceleration: connection.enableAcceleration,
      staticRoutesOnly: connection.staticRoutesOnly,
      localIpv4NetworkCidr: connection.localIpv4NetworkCidr,
      remoteIpv4NetworkCidr: connection.remoteIpv4NetworkCidr,
      outsideIpAddressType: "PublicIpv4",
      tunnelInsideIpVersion: "ipv4",
      tunnelOptionSet: connection.tunnels.map((tunnel) => ({
        outsideIpAddress: tunnel.outsideIpAddress,
        tunnelInsideCidr: tunnel.insideCidr,
        preSharedKey: tunnel.preSharedKey,
        dpdTimeoutSeconds: 30,
        dpdTimeoutAction: "clear",
        startupAction: "add",
        ikeVersionSet: [{ value: "ikev1" }, { value: "ikev2" }],
        logOptions: { cloudWatchLogOptions: { logEnabled: false } },
        enableTunnelLifecycleControl: false,
      })),
      tunnelBandwidth: "standard",
    },
    routes: liveRoutes(context, connection).map((route) => ({
      destinationCidrBlock: route.destinationCidrBlock,
      source: "Static",
      state: stateAt(route.lifecycle, context.now),
    })),
    vgwTelemetry: connection.tunnels.map((tunnel) => telemetryXml(context, connection, tunnel)),
    tagSet: tagSet(connection.tags),
  };
}

function field(context: ActionContext) {
  return (connection: VpnConnectionRecord, name: string): string[] | undefined => {
    switch (name) {
      case "vpn-connection-id":
        return [connection.id];
      case "state":
        return [currentState(context, connection)];
      case "customer-gateway-id":
        return [connection.customerGatewayId];
      case "vpn-gateway-id":
        return connection.vpnGatewayId ? [connection.vpnGatewayId] : [];
      case "transit-gateway-id":
        return connection.transitGatewayId ? [connection.transitGatewayId] : [];
      case "type":
        return [connection.type];
      case "option.static-routes-only":
        return [String(connection.staticRoutesOnly)];
      case "route.destination-cidr-block":
        return liveRoutes(context, connection).map((route) => route.destinationCidrBlock);
      case "bgp-asn":
        return [String(context.regionState.customerGateways[connection.customerGatewayId]?.bgpAsn ?? "")];
      default:
        return undefined;
    }
  };
}

interface TunnelRequest {
  insideCidr?: string;
  preSharedKey?: string;
}

function readTunnelOptions(context: ActionContext): TunnelRequest[] {
  const options = context.params.struct("Options");
  const tunnels = options.structList("TunnelOptions").map((tunnel) => ({
    insideCidr: tunnel.string("TunnelInsideCidr"),
    preSharedKey: tunnel.string("PreSharedKey"),
  }));
  if (tunnels.length > 2) throw invalidParameterValue("A VPN connection has two tunnels: at most 2 TunnelOptions can be given.");
  for (const tunnel of tunnels) {
    if (tunnel.insideCidr !== undefined) validateInsideCidr(tunnel.insideCidr);
    if (tunnel.preSharedKey !== undefined) validatePreSharedKey(tunnel.preSharedKey);
  }
  const [first, second] = tunnels;
  if (first?.insideCidr !== undefined && first.insideCidr === second?.insideCidr) {
    throw invalidParameterValue(`The tunnel inside CIDRs must differ between tunnels: ${first.insideCidr} is used twice.`);
  }
  return tunnels;
}

function readNetworkCidr(context: ActionContext, name: string): string {
  const value = context.params.struct("Options").string(name) ?? "0.0.0.0/0";
  if (!parseCidr(value)) throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. This is not a valid CIDR block.`);
  return value;
}

/** Inside CIDRs must be unique among the VPN connections of one gateway. */
function insideCidrsInUse(context: ActionContext, gatewayId: string): Set<string> {
  return new Set(
    Object.values(context.regionState.vpnConnections)
      .filter((connection) => (connection.vpnGatewayId ?? connection.transitGatewayId) === gatewayId)
      .filter((connection) => currentState(context, connection) !== "deleted")
      .flatMap((connection) => connection.tunnels.map((tunnel) => tunnel.insideCidr)),
  );
}

function createConnection(context: ActionContext): VpnConnectionRecord {
  const params = context.params;
  const rs = context.regionState;
  const type = params.requiredString("Type");
  if (type !== "ipsec.1") throw invalidParameterValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
  const customerGateway = findLive(context, rs.customerGateways, params.requiredString("CustomerGatewayId"), customerGatewayNotFound);
  if (currentState(context, customerGateway) !== "available") {
    throw new SandboxError("IncorrectState", `The customer gateway '${customerGateway.id}' is not available.`);
  }
  const vpnGatewayId = params.string("VpnGatewayId");
  const transitGatewayId = params.string("TransitGatewayId");
  if (vpnGatewayId === undefined && transitGatewayId === undefined) missingParameterOneOf();
  if (vpnGatewayId !== undefined && transitGatewayId !== undefined) {
    throw new SandboxError("InvalidParameterCombination", "Specify either VpnGatewayId or TransitGatewayId, not both.");
  }
  const options = params.struct("Options");
  const enableAcceleration = options.boolean("EnableAcceleration") ?? false;
  if (enableAcceleration && transitGatewayId === undefined) {
    throw invalidParameterValue("Accelerated VPN connections are supported only on transit gateways.");
  }
  const gatewayId = vpnGatewayId ?? transitGatewayId ?? "";
  if (vpnGatewayId !== undefined) {
    const gateway = findLive(context, rs.vpnGateways, vpnGatewayId, vpnGatewayNotFound);
    if (currentState(context, gateway) !== "available") {
      throw new SandboxError("IncorrectState", `The vpnGateway '${gateway.id}' is not available.`);
    }
    const count = Object.values(rs.vpnConnections).filter(
      (connection) => connection.vpnGatewayId === vpnGatewayId && currentState(context, connection) !== "deleted",
    ).length;
    if (count >= VPN_CONNECTIONS_PER_GATEWAY) {
      throw new SandboxError("VpnConnectionLimitExceeded", `The maximum number of VPN connections for ${vpnGatewayId} has been reached.`);
    }
  }
  const transitGateway =
    transitGatewayId !== undefined ? findLive(context, rs.transitGateways, transitGatewayId, transitGatewayNotFound) : undefined;
  if (transitGateway && currentState(context, transitGateway) !== "available") {
    throw new SandboxError("IncorrectState", `Transit Gateway ${transitGateway.id} is in invalid state ${currentState(context, transitGateway)}.`);
  }
  const duplicate = Object.values(rs.vpnConnections).find(
    (connection) =>
      connection.ownerId === context.accountId &&
      connection.customerGatewayId === customerGateway.id &&
      (connection.vpnGatewayId ?? connection.transitGatewayId) === gatewayId &&
      !["deleting", "deleted"].includes(currentState(context, connection)),
  );
  if (duplicate) {
    throw invalidParameterValue(`A VPN connection between ${customerGateway.id} and ${gatewayId} already exists: ${duplicate.id}.`);
  }
  const requested = readTunnelOptions(context);
  const taken = insideCidrsInUse(context, gatewayId);
  for (const tunnel of requested) {
    if (tunnel.insideCidr !== undefined && taken.has(tunnel.insideCidr)) {
      throw invalidParameterValue(`The tunnel inside CIDR ${tunnel.insideCidr} is already used by another VPN connection on ${gatewayId}.`);
    }
  }
  const localIpv4NetworkCidr = readNetworkCidr(context, "LocalIpv4NetworkCidr");
  const remoteIpv4NetworkCidr = readNetworkCidr(context, "RemoteIpv4NetworkCidr");
  const tags = readTagSpecifications(params, "vpn-connection");
  const outside = new Set<string>();
  const tunnels: TunnelRecord[] = [0, 1].map((index) => {
    const wanted = requested[index] ?? {};
    const insideCidr = wanted.insideCidr ?? generateInsideCidr(context.prng, new Set([...taken, ...requested.flatMap((t) => t.insideCidr ?? [])]));
    taken.add(insideCidr);
    const outsideIpAddress = generateOutsideAddress(context.prng, enableAcceleration, outside);
    outside.add(outsideIpAddress);
    return {
      outsideIpAddress,
      insideCidr,
      preSharedKey: wanted.preSharedKey ?? generatePreSharedKey(context.prng),
      status: "DOWN",
      lastStatusChange: context.now,
      statusMessage: "",
    };
  });
  const lifecycle = moving("pending", "available", context.now, context.timing.vpnConnectionProvisionMs(context.prng));
  const connection: VpnConnectionRecord = {
    id: newResourceId(context.prng, "vpn"),
    ownerId: context.accountId,
    type,
    customerGatewayId: customerGateway.id,
    vpnGatewayId,
    transitGatewayId,
    staticRoutesOnly: options.boolean("StaticRoutesOnly") ?? false,
    enableAcceleration,
    localIpv4NetworkCidr,
    remoteIpv4NetworkCidr,
    tunnels,
    routes: [],
    requestFingerprint: params.fingerprint(FINGERPRINT_EXCLUDED),
    lifecycle,
    createdAt: context.now,
    tags,
  };
  if (transitGateway) {
    const attachment = createAttachmentRecord(context, transitGateway, "vpn", connection.id, [], lifecycle);
    connection.transitGatewayAttachmentId = attachment.id;
  }
  rs.vpnConnections[connection.id] = connection;
  return connection;
}

function missingParameterOneOf(): never {
  throw missingParameter("VpnGatewayId or TransitGatewayId");
}

function findConnection(context: ActionContext): VpnConnectionRecord {
  return findLive(context, context.regionState.vpnConnections, context.params.requiredString("VpnConnectionId"), vpnConnectionNotFound);
}

function routeRequest(context: ActionContext) {
  const connection = findConnection(context);
  const destination = context.params.requiredString("DestinationCidrBlock");
  if (!parseCidr(destination)) {
    throw invalidParameterValue(`Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
  }
  if (!connection.staticRoutesOnly || connection.transitGatewayId) {
    throw new SandboxError(
      "InvalidVpnConnection.InvalidType",
      `The VPN connection ${connection.id} does not use static routes on a virtual private gateway.`,
    );
  }
  return { connection, destination };
}

export const vpnConnectionActions: Record<string, ActionSpec> = {
  CreateVpnConnection: {
    mutates: true,
    run(context) {
      // Idempotent by itself (EC2 API reference): the same request again answers the same connection.
      const fingerprint = context.params.fingerprint(FINGERPRINT_EXCLUDED);
      const repeat = listedOwn(context, context.regionState.vpnConnections).find(
        (connection) =>
          connection.requestFingerprint === fingerprint && !["deleting", "deleted"].includes(currentState(context, connection)),
      );
      const connection = repeat ?? createConnection(context);
      context.recordCreated(connection.id);
      return { vpnConnection: vpnConnectionXml(context, connection) };
    },
  },
  DescribeVpnConnections: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.vpnConnections);
      const selected = selectByIds(all, context.params.list("VpnConnectionId"), (c) => c.id, vpnConnectionNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), field(context), (c) => c.tags);
      return { vpnConnectionSet: filtered.map((connection) => vpnConnectionXml(context, connection)) };
    },
  },
  DeleteVpnConnection: {
    mutates: true,
    run(context) {
      const connection = findConnection(context);
      if (currentState(context, connection) !== "deleting") {
        const lifecycle = moving("deleting", "deleted", context.now, context.timing.vpnConnectionDeletionMs(context.prng));
        connection.lifecycle = lifecycle;
        for (const tunnel of connection.tunnels) {
          if (tunnel.status === "UP") {
            tunnel.status = "DOWN";
            tunnel.lastStatusChange = context.now;
          }
        }
        const attachment = connection.transitGatewayAttachmentId
          ? context.regionState.transitGatewayAttachments[connection.transitGatewayAttachmentId]
          : undefined;
        if (attachment) attachment.lifecycle = lifecycle;
      }
      return { return: true };
    },
  },
  CreateVpnConnectionRoute: {
    mutates: true,
    run(context) {
      const { connection, destination } = routeRequest(context);
      const existing = liveRoutes(context, connection).find((route) => route.destinationCidrBlock === destination);
      if (existing && stateAt(existing.lifecycle, context.now) !== "deleting") {
        throw new SandboxError("RouteAlreadyExists", `The route ${destination} already exists for ${connection.id}.`);
      }
      connection.routes = connection.routes.filter((route) => route.destinationCidrBlock !== destination);
      connection.routes.push({
        destinationCidrBlock: destination,
        lifecycle: moving("pending", "available", context.now, context.timing.vpnGatewayStateMs(context.prng)),
      });
      return {};
    },
  },
  DeleteVpnConnectionRoute: {
    mutates: true,
    run(context) {
      const { connection, destination } = routeRequest(context);
      const route = liveRoutes(context, connection).find((candidate) => candidate.destinationCidrBlock === destination);
      if (!route) throw new SandboxError("InvalidRoute.NotFound", `The route ${destination} does not exist for ${connection.id}.`);
      route.lifecycle = moving("deleting", "deleted", context.now, context.timing.vpnGatewayStateMs(context.prng));
      return {};
    },
  },
  GetVpnConnectionDeviceTypes: {
    mutates: false,
    run(context) {
      const { page, nextToken } = paginate(DEVICE_TYPES, context.params, { min: 200, max: 1000 });
      return {
        vpnConnectionDeviceTypeSet: page.map((device) => ({
          vpnConnectionDeviceTypeId: device.id,
          vendor: device.vendor,
          platform: device.platform,
          software: device.software,
        })),
        nextToken,
      };
    },
  },
  GetVpnConnectionDeviceSampleConfiguration: {
    mutates: false,
    run(context) {
      const connection = findConnection(context);
      const device = findDeviceType(context.params.requiredString("VpnConnectionDeviceTypeId"));
      const version = context.params.string("InternetKeyExchangeVersion") ?? "ikev1";
      if (version !== "ikev1" && version !== "ikev2") {
        throw invalidParameterValue(`Value (${version}) for parameter InternetKeyExchangeVersion is invalid. Valid values: ikev1, ikev2.`);
      }
      const customerGateway = context.regionState.customerGateways[connection.customerGatewayId];
      if (!customerGateway) throw customerGatewayNotFound(connection.customerGatewayId);
      return {
        vpnConnectionDeviceSampleConfiguration: sampleConfiguration(device, {
          connection,
          customerGateway,
          amazonSideAsn: amazonSideAsn(context, connection),
          ikeVersion: version,
        }),
      };
    },
  },
};

/**
 * Simulates the customer's device: tunnels come up only on an available connection, as they would
 * once the device is configured; DOWN takes them down again.
 */
export function setTunnelStatus(context: BaseContext, connectionId: string, status: "UP" | "DOWN"): void {
  const connection = context.regionState.vpnConnections[connectionId];
  if (!connection || stateAt(connection.lifecycle, context.now) === "deleted") throw vpnConnectionNotFound(connectionId);
  const state = stateAt(connection.lifecycle, context.now);
  if (status === "UP" && state !== "available") {
    throw new SandboxError("IncorrectState", `The VPN connection ${connectionId} is ${state}: tunnels come up only once it is available.`);
  }
  for (const tunnel of connection.tunnels) {
    if (tunnel.status === status) continue;
    tunnel.status = status;
    tunnel.lastStatusChange = context.now;
    tunnel.statusMessage = status === "DOWN" ? "IPSEC IS DOWN" : "";
  }
}
