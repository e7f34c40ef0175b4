import { newResourceId } from "@/lib/sandbox/ids";
import { moving } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { currentState, findLive, listedOwn } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import { parseIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import type { CustomerGatewayRecord } from "@/lib/sandbox/state/schema";

export function customerGatewayNotFound(id: string): SandboxError {
  return new SandboxError("InvalidCustomerGatewayID.NotFound", `The customerGateway ID '${id}' does not exist`);
}

export function customerGatewayXml(context: ActionContext, gateway: CustomerGatewayRecord) {
  return {
    customerGatewayId: gateway.id,
    state: currentState(context, gateway),
    type: gateway.type,
    ipAddress: gateway.ipAddress,
    bgpAsn: String(gateway.bgpAsn),
    bgpAsnExtended: gateway.bgpAsn > 65535 ? String(gateway.bgpAsn) : undefined,
    deviceName: gateway.deviceName,
    tagSet: tagSet(gateway.tags),
  };
}

function field(context: ActionContext) {
  return (gateway: CustomerGatewayRecord, name: string): string[] | undefined => {
    switch (name) {
      case "customer-gateway-id":
        return [gateway.id];
      case "bgp-asn":
        return [String(gateway.bgpAsn)];
      case "ip-address":
        return [gateway.ipAddress];
      case "state":
        return [currentState(context, gateway)];
      case "type":
        return [gateway.type];
      default:
        return undefined;
    }
  };
}

/** 1-2,147,483,647 (4-byte ASNs go in BgpAsnExtended); 65000 when neither is given, as AWS defaults. */
function readAsn(context: ActionContext): number {
  const asn = context.params.integer("BgpAsn");
  const extended = context.params.integer("BgpAsnExtended");
  if (asn !== undefined && extended !== undefined) {
    throw new SandboxError("InvalidParameterCombination", "Only one of BgpAsn or BgpAsnExtended can be specified.");
  }
  if (asn !== undefined && (asn < 1 || asn > 2147483647)) {
    throw invalidParameterValue(`Value (${asn}) for parameter BgpAsn is invalid. Must be in range 1-2147483647.`);
  }
  if (extended !== undefined && (extended < 2147483648 || extended > 4294967294)) {
    throw invalidParameterValue(`Value (${extended}) for parameter BgpAsnExtended is invalid. Must be in range 2147483648-4294967294.`);
  }
  return asn ?? extended ?? 65000;
}

export const customerGatewayActions: Record<string, ActionSpec> = {
  CreateCustomerGateway: {
    mutates: true,
    run(context) {
      const type = context.params.requiredString("Type");
      if (type !== "ipsec.1") throw invalidParameterValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
      const ipAddress = context.params.string("IpAddress") ?? context.params.string("PublicIp");
      if (!ipAddress) throw missingParameter("IpAddress");
      if (parseIpv4(ipAddress) === null) {
        throw invalidParameterValue(`Value (${ipAddress}) for parameter ipAddress is invalid. Invalid Format.`);
      }
      const bgpAsn = readAsn(context);
      const deviceName = context.params.string("DeviceName");
      if (deviceName !== undefined && deviceName.length > 255) {
        throw invalidParameterValue("The device name must be at most 255 characters.");
      }
      // An identical request answers the existing gateway (EC2 API reference, CreateCustomerGateway).
      const existing = listedOwn(context, context.regionState.customerGateways).find(
        (gateway) =>
          currentState(context, gateway) !== "deleted" &&
          currentState(context, gateway) !== "deleting" &&
          gateway.type === type &&
          gateway.ipAddress === ipAddress &&
          gateway.bgpAsn === bgpAsn &&
          gateway.deviceName === deviceName,
      );
      if (existing) {
        context.recordCreated(existing.id);
        return { customerGateway: customerGatewayXml(context, existing) };
      }
      const tags = readTagSpecifications(context.params, "customer-gateway");
      const gateway: CustomerGatewayRecord = {
        id: newResourceId(context.prng, "cgw"),
        ownerId: context.accountId,
        bgpAsn,
        ipAddress,
        type,
        deviceName,
        lifecycle: moving("pending", "available", context.now, context.timing.customerGatewayStateMs(context.prng)),
        createdAt: context.now,
        tags,
      };
      context.regionState.customerGateways[gateway.id] = gateway;
      context.recordCreated(gateway.id);
      return { customerGateway: customerGatewayXml(context, gateway) };
    },
  },
  DescribeCustomerGateways: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.customerGateways);
      const selected = selectByIds(all, context.params.list("CustomerGatewayId"), (g) => g.id, customerGatewayNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), field(context), (g) => g.tags);
      return { customerGatewaySet: filtered.map((gateway) => customerGatewayXml(context, gateway)) };
    },
  },
  DeleteCustomerGateway: {
    mutates: true,
    run(context) {
      const gateway = findLive(context, context.regionState.customerGateways, context.params.requiredString("CustomerGatewayId"), customerGatewayNotFound);
      const inUse = Object.values(context.regionState.vpnConnections).some(
        (connection) => connection.customerGatewayId === gateway.id && currentState(context, connection) !== "deleted",
      );
      if (inUse) {
        throw new SandboxError("IncorrectState", `The customer gateway '${gateway.id}' is in use by a VPN connection.`);
      }
      if (currentState(context, gateway) !== "deleting") {
        gateway.lifecycle = moving("deleting", "deleted", context.now, context.timing.customerGatewayStateMs(context.prng));
      }
      return { return: true };
    },
  },
};
