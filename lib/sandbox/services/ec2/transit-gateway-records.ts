import { newResourceId } from "@/lib/sandbox/ids";
import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { BaseContext } from "@/lib/sandbox/services/service";
import type {
  Lifecycle,
  TransitGatewayAttachmentRecord,
  TransitGatewayRecord,
  TransitGatewayRouteTableRecord,
} from "@/lib/sandbox/state/schema";

export function transitGatewayNotFound(id: string): SandboxError {
  return new SandboxError("InvalidTransitGatewayID.NotFound", `Transit Gateway ${id} was deleted or does not exist.`);
}

export function attachmentNotFound(id: string): SandboxError {
  return new SandboxError(
    "InvalidTransitGatewayAttachmentID.NotFound",
    `Transit Gateway Attachment ${id} was deleted or does not exist.`,
  );
}

export function routeTableNotFound(id: string): SandboxError {
  return new SandboxError("InvalidRouteTableID.NotFound", `Transit Gateway Route Table ${id} was deleted or does not exist.`);
}

/** The attachment's association, unless it has been disassociated. */
export function liveAssociation(context: BaseContext, attachment: TransitGatewayAttachmentRecord) {
  const association = attachment.association;
  if (!association || stateAt(association.lifecycle, context.now) === "disassociated") return undefined;
  return association;
}

/**
 * A new attachment (VPC or VPN) on a transit gateway, associated with and propagating to the
 * default route table when the gateway's defaults say so, as AWS does on creation.
 */
export function createAttachmentRecord(
  context: BaseContext,
  gateway: TransitGatewayRecord,
  resourceType: "vpc" | "vpn",
  resourceId: string,
  subnetIds: string[],
  lifecycle: Lifecycle,
  options: { dnsSupport?: string; tags?: Record<string, string> } = {},
): TransitGatewayAttachmentRecord {
  const attachment: TransitGatewayAttachmentRecord = {
    id: newResourceId(context.prng, "tgw-attach"),
    ownerId: context.accountId,
    transitGatewayId: gateway.id,
    resourceType,
    resourceId,
    subnetIds,
    dnsSupport: options.dnsSupport ?? "enable",
    lifecycle,
    createdAt: context.now,
    tags: options.tags ?? {},
  };
  const defaultTable = gateway.defaultRouteTableId ? context.regionState.transitGatewayRouteTables[gateway.defaultRouteTableId] : undefined;
  if (defaultTable && gateway.defaultRouteTableAssociation === "enable") {
    const at = lifecycle.next?.at ?? context.now;
    attachment.association = { routeTableId: defaultTable.id, lifecycle: moving("associating", "associated", context.now, at - context.now) };
  }
  if (defaultTable && gateway.defaultRouteTablePropagation === "enable") defaultTable.propagations.push(attachment.id);
  context.regionState.transitGatewayAttachments[attachment.id] = attachment;
  return attachment;
}

export function createRouteTableRecord(
  context: BaseContext,
  gateway: TransitGatewayRecord,
  options: { defaults: boolean; lifecycle: Lifecycle; tags: Record<string, string> },
): TransitGatewayRouteTableRecord {
  const table: TransitGatewayRouteTableRecord = {
    id: newResourceId(context.prng, "tgw-rtb"),
    ownerId: gateway.ownerId,
    transitGatewayId: gateway.id,
    defaultAssociation: options.defaults && gateway.defaultRouteTableAssociation === "enable",
    defaultPropagation: options.defaults && gateway.defaultRouteTablePropagation === "enable",
    propagations: [],
    staticRoutes: [],
    lifecycle: options.lifecycle,
    createdAt: context.now,
    tags: options.tags,
  };
  context.regionState.transitGatewayRouteTables[table.id] = table;
  return table;
}
