import { newResourceId } from "@/lib/sandbox/ids";
import { moving, settle, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { currentState, findLive, listedOwn } from "@/lib/sandbox/services/ec2/lifecycle-records";
import { findVpc, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { VpnGatewayRecord } from "@/lib/sandbox/state/schema";

export function vpnGatewayNotFound(id: string): SandboxError {
  return new SandboxError("InvalidVpnGatewayID.NotFound", `The vpnGateway ID '${id}' does not exist`);
}

/** Private ASNs, the only ones a virtual private gateway takes; 64512 is AWS's default. */
export function isPrivateAmazonAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

/** The VPC the gateway is attached to now (attaching or attached), if any. */
export function attachedVpcId(context: ActionContext, gateway: VpnGatewayRecord): string | undefined {
  return gateway.attachments.find((attachment) => {
    const state = stateAt(attachment.lifecycle, context.now);
    return state === "attaching" || state === "attached";
  })?.vpcId;
}

function vpnGatewayXml(context: ActionContext, gateway: VpnGatewayRecord) {
  return {
    vpnGatewayId: gateway.id,
    state: currentState(context, gateway),
    type: gateway.type,
    amazonSideAsn: gateway.amazonSideAsn,
    attachments: gateway.attachments.map((attachment) => ({
      vpcId: attachment.vpcId,
      state: stateAt(attachment.lifecycle, context.now),
    })),
    tagSet: tagSet(gateway.tags),
  };
}

function field(context: ActionContext) {
  return (gateway: VpnGatewayRecord, name: string): string[] | undefined => {
    switch (name) {
      case "vpn-gateway-id":
        return [gateway.id];
      case "state":
        return [currentState(context, gateway)];
      case "type":
        return [gateway.type];
      case "amazon-side-asn":
        return [String(gateway.amazonSideAsn)];
      case "attachment.vpc-id":
        return gateway.attachments.map((attachment) => attachment.vpcId);
      case "attachment.state":
        return gateway.attachments.map((attachment) => stateAt(attachment.lifecycle, context.now));
      default:
        return undefined;
    }
  };
}

function findGateway(context: ActionContext): VpnGatewayRecord {
  return findLive(context, context.regionState.vpnGateways, context.params.requiredString("VpnGatewayId"), vpnGatewayNotFound);
}

export const vpnGatewayActions: Record<string, ActionSpec> = {
  CreateVpnGateway: {
    mutates: true,
    run(context) {
      const type = context.params.requiredString("Type");
      if (type !== "ipsec.1") throw invalidParameterValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
      const amazonSideAsn = context.params.integer("AmazonSideAsn") ?? 64512;
      if (!isPrivateAmazonAsn(amazonSideAsn)) {
        throw invalidParameterValue(
          `The Amazon side ASN ${amazonSideAsn} is invalid: use a private ASN in 64512-65534 or 4200000000-4294967294.`,
        );
      }
      const tags = readTagSpecifications(context.params, "vpn-gateway");
      const gateway: VpnGatewayRecord = {
        id: newResourceId(context.prng, "vgw"),
        ownerId: context.accountId,
        type,
        amazonSideAsn,
        attachments: [],
        lifecycle: moving("pending", "available", context.now, context.timing.vpnGatewayStateMs(context.prng)),
        createdAt: context.now,
        tags,
      };
      context.regionState.vpnGateways[gateway.id] = gateway;
      context.recordCreated(gateway.id);
      return { vpnGateway: vpnGatewayXml(context, gateway) };
    },
  },
  DescribeVpnGateways: {
    mutates: false,
    run(context) {
      const all = listedOwn(context, context.regionState.vpnGateways);
      const selected = selectByIds(all, context.params.list("VpnGatewayId"), (g) => g.id, vpnGatewayNotFound);
      const filtered = applyFilters(selected, readFilters(context.params), field(context), (g) => g.tags);
      return { vpnGatewaySet: filtered.map((gateway) => vpnGatewayXml(context, gateway)) };
    },
  },
  AttachVpnGateway: {
    mutates: true,
    run(context) {
      const vpc = findVpc(context, context.params.requiredString("VpcId"));
      const gateway = findGateway(context);
      if (currentState(context, gateway) !== "available") {
        throw new SandboxError("IncorrectState", `The vpnGateway '${gateway.id}' is in state ${currentState(context, gateway)}.`);
      }
      // One VPC per gateway at a time: repeating the call fails, as AWS does.
      const current = attachedVpcId(context, gateway);
      if (current !== undefined) {
        throw new SandboxError(
          "VpnGatewayAttachmentLimitExceeded",
          `The vpnGateway '${gateway.id}' is already attached to '${current}'.`,
        );
      }
      const other = Object.values(context.regionState.vpnGateways).find(
        (candidate) => candidate.id !== gateway.id && attachedVpcId(context, candidate) === vpc.id,
      );
      if (other) {
        throw invalidParameterValue(`The vpc '${vpc.id}' already has the virtual private gateway '${other.id}' attached.`);
      }
      const lifecycle = moving("attaching", "attached", context.now, context.timing.vpnGatewayAttachmentMs(context.prng));
      gateway.attachments = [
        ...gateway.attachments.filter((attachment) => attachment.vpcId !== vpc.id),
        { vpcId: vpc.id, lifecycle },
      ];
      return { attachment: { vpcId: vpc.id, state: "attaching" } };
    },
  },
  DetachVpnGateway: {
    mutates: true,
    run(context) {
      const vpcId = context.params.requiredString("VpcId");
      const gateway = findGateway(context);
      const attachment = gateway.attachments.find((candidate) => candidate.vpcId === vpcId);
      const state = attachment ? stateAt(attachment.lifecycle, context.now) : "detached";
      if (!attachment || (state !== "attached" && state !== "attaching")) {
        throw new SandboxError(
          "InvalidVpnGatewayAttachment.NotFound",
          `The attachment with vpn gateway ID '${gateway.id}' and vpc ID '${vpcId}' does not exist`,
        );
      }
      attachment.lifecycle = moving("detaching", "detached", context.now, context.timing.vpnGatewayAttachmentMs(context.prng));
      return { return: true };
    },
  },
  DeleteVpnGateway: {
    mutates: true,
    run(context) {
      const gateway = findGateway(context);
      const blocked = gateway.attachments.some((attachment) => stateAt(attachment.lifecycle, context.now) !== "detached");
      if (blocked) {
        throw new SandboxError("DependencyViolation", `The vpnGateway '${gateway.id}' is still attached to a VPC.`);
      }
      const hasVpn = Object.values(context.regionState.vpnConnections).some(
        (connection) => connection.vpnGatewayId === gateway.id && currentState(context, connection) !== "deleted",
      );
      if (hasVpn) {
        throw new SandboxError("IncorrectState", `The vpnGateway '${gateway.id}' has VPN connections.`);
      }
      if (currentState(context, gateway) !== "deleting") {
        gateway.lifecycle = moving("deleting", "deleted", context.now, context.timing.vpnGatewayStateMs(context.prng));
        gateway.attachments = gateway.attachments.map((attachment) => ({ ...attachment, lifecycle: settle(attachment.lifecycle, context.now) }));
      }
      return { return: true };
    },
  },
};
