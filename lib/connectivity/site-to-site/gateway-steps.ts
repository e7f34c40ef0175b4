import {
  AssociateTransitGatewayRouteTableCommand,
  AttachVpnGatewayCommand,
  CreateCustomerGatewayCommand,
  CreateRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpnGatewayCommand,
  DeleteCustomerGatewayCommand,
  DeleteRouteCommand,
  DeleteTransitGatewayRouteTableCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DeleteVpnGatewayCommand,
  DescribeCustomerGatewaysCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeRouteTablesCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpnGatewaysCommand,
  DetachVpnGatewayCommand,
  DisableTransitGatewayRouteTablePropagationCommand,
  DisableVgwRoutePropagationCommand,
  DisassociateTransitGatewayRouteTableCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  EnableVgwRoutePropagationCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { AwsResponseError, awsErrorCode, isNotFound } from "@/lib/aws/errors";
import { removeTagged } from "@/lib/connectivity/landing-network/vpc";
import { customerGatewayAsnParameter } from "@/lib/connectivity/site-to-site/input";
import { deleteTolerantly, ensureResource, findByTags, tagFilters, tagSpecifications } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import type { LandingSubnet, LandingVpc } from "./network-steps";
import { AMAZON_SIDE_ASN, STATIC_ROUTING_CUSTOMER_ASN } from "./plan-input";
import { ensureSharedTransitGateway } from "./shared-transit-gateway";
import { creating, creationTags, required, tolerating, waitFor, withTag, type SiteToSiteDeps, type StepEnv } from "./step-env";

/**
 * The AWS side of the VPN: the customer gateway (their device as AWS knows it), and either a
 * virtual private gateway attached to the landing VPC or, for accelerated VPNs, the shared transit
 * gateway with a route table of the tenant's own.
 */

export async function ensureCustomerGateway(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<{ customerGatewayId: string }>> {
  const ec2 = deps.ec2(env.input.region);
  const asn = env.input.routing.type === "bgp" ? env.input.routing.asn : STATIC_ROUTING_CUSTOMER_ASN;
  const { id: customerGatewayId } = await ensureResource(env, "customerGateway", {
    find: () => findByTags(ec2, "customer-gateway", env.tags),
    create: () =>
      creating(deps, env, async () => {
        // AWS answers an identical request with the existing gateway; the device name makes this
        // connection's request its own, so two sites behind one address never share (and delete) one.
        const created = await ec2.send(
          new CreateCustomerGatewayCommand({
            Type: "ipsec.1",
            IpAddress: env.input.deviceIp,
            ...customerGatewayAsnParameter(asn),
            DeviceName: `onramp-${env.connectionId}`,
            TagSpecifications: tagSpecifications("customer-gateway", creationTags(env.tags, env, "site")),
          }),
        );
        return required(created.CustomerGateway?.CustomerGatewayId, "customer gateway id");
      }),
  });
  const described = await ec2.send(new DescribeCustomerGatewaysCommand({ CustomerGatewayIds: [customerGatewayId] }));
  const state = described.CustomerGateways?.[0]?.State;
  if (state !== "available") return waitFor(`The customer gateway is ${state ?? "pending"}.`);
  return { done: { customerGatewayId } };
}

export async function removeCustomerGateway(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  await removeTagged(deps, env, "customer-gateway", [{ key: "customerGateway", tags: env.tags }], (id) =>
    ec2.send(new DeleteCustomerGatewayCommand({ CustomerGatewayId: id })),
  );
  return { done: {} };
}

export interface GatewayOutput {
  kind: "vgw" | "tgw";
  gatewayId: string;
}

async function vpnGatewayState(ec2: EC2Client, vpnGatewayId: string) {
  const result = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vpnGatewayId] }));
  const gateway = result.VpnGateways?.[0];
  if (!gateway) throw new AwsResponseError("InvalidVpnGatewayID.NotFound", `The virtual private gateway ${vpnGatewayId} is not listed.`);
  return gateway;
}

export async function ensureGateway(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<GatewayOutput>> {
  const ec2 = deps.ec2(env.input.region);
  if (env.input.accelerated) {
    const shared = await ensureSharedTransitGateway(deps.db(), ec2, env.input.region);
    // Recorded so support sees which gateway this connection uses; never removed with it.
    if (env.resources.transitGateway !== shared.id) await env.recordResources({ transitGateway: shared.id });
    if (shared.state !== "available") return waitFor(`The shared transit gateway is ${shared.state}.`);
    return { done: { kind: "tgw", gatewayId: shared.id } };
  }
  const { id: vpnGatewayId } = await ensureResource(env, "vpnGateway", {
    find: () => findByTags(ec2, "vpn-gateway", env.tags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateVpnGatewayCommand({
            Type: "ipsec.1",
            AmazonSideAsn: AMAZON_SIDE_ASN,
            TagSpecifications: tagSpecifications("vpn-gateway", creationTags(env.tags, env, "vgw")),
          }),
        );
        return required(created.VpnGateway?.VpnGatewayId, "virtual private gateway id");
      }),
  });
  const state = (await vpnGatewayState(ec2, vpnGatewayId)).State;
  if (state !== "available") return waitFor(`The virtual private gateway is ${state ?? "pending"}.`);
  return { done: { kind: "vgw", gatewayId: vpnGatewayId } };
}

export async function removeGateway(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  // The shared transit gateway outlives every connection; only a virtual private gateway is ours.
  if (env.input.accelerated) return { done: {} };
  const ec2 = deps.ec2(env.input.region);
  await removeTagged(deps, env, "vpn-gateway", [{ key: "vpnGateway", tags: env.tags }], (id) => ec2.send(new DeleteVpnGatewayCommand({ VpnGatewayId: id })));
  return { done: {} };
}

export interface AttachmentOutput {
  kind: "vgw" | "tgw";
  tgwRouteTableId: string | null;
  tgwVpcAttachmentId: string | null;
}

/** VGW: attach (attaching -> attached), then propagate the VPN's routes into the main route table. */
async function attachVpnGateway(deps: SiteToSiteDeps, env: StepEnv, vpc: LandingVpc, vpnGatewayId: string): Promise<StepOutcome<AttachmentOutput>> {
  const ec2 = deps.ec2(env.input.region);
  // AttachVpnGateway fails when repeated, so the gateway's own state says whether to call it.
  const state = (await vpnGatewayState(ec2, vpnGatewayId)).VpcAttachments?.find((a) => a.VpcId === vpc.vpcId)?.State;
  if (state !== "attached") {
    if (state !== "attaching") {
      await creating(deps, env, () => ec2.send(new AttachVpnGatewayCommand({ VpcId: vpc.vpcId, VpnGatewayId: vpnGatewayId })));
    }
    return waitFor("The virtual private gateway is attaching to the landing VPC.");
  }
  const tables = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [vpc.mainRouteTableId] }));
  const propagating = tables.RouteTables?.[0]?.PropagatingVgws?.some((p) => p.GatewayId === vpnGatewayId) ?? false;
  if (!propagating) await ec2.send(new EnableVgwRoutePropagationCommand({ GatewayId: vpnGatewayId, RouteTableId: vpc.mainRouteTableId }));
  return { done: { kind: "vgw", tgwRouteTableId: null, tgwVpcAttachmentId: null } };
}

const GONE_TGW_STATES = ["deleting", "deleted", "failed", "failing", "rejected"];

async function findTgwRouteTables(ec2: EC2Client, tags: Readonly<Record<string, string>>): Promise<string[]> {
  const result = await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: tagFilters(tags) }));
  return (result.TransitGatewayRouteTables ?? [])
    .filter((table) => !GONE_TGW_STATES.includes(table.State ?? ""))
    .flatMap((table) => (table.TransitGatewayRouteTableId ? [table.TransitGatewayRouteTableId] : []));
}

/**
 * A VPC attaches to a transit gateway at most once (AWS-FACTS.md), so the pair finds the landing
 * VPC's attachment even without its tags.
 */
async function findTgwVpcAttachments(ec2: EC2Client, vpcId: string, transitGatewayId: string): Promise<string[]> {
  const result = await ec2.send(
    new DescribeTransitGatewayVpcAttachmentsCommand({
      Filters: [
        { Name: "vpc-id", Values: [vpcId] },
        { Name: "transit-gateway-id", Values: [transitGatewayId] },
      ],
    }),
  );
  return (result.TransitGatewayVpcAttachments ?? [])
    .filter((attachment) => !GONE_TGW_STATES.includes(attachment.State ?? ""))
    .flatMap((attachment) => (attachment.TransitGatewayAttachmentId ? [attachment.TransitGatewayAttachmentId] : []));
}

/** Associates an attachment with the tenant's route table and propagates it there; true once associated. */
export async function associateAndPropagate(ec2: EC2Client, routeTableId: string, attachmentId: string): Promise<boolean> {
  const associations = await ec2.send(
    new GetTransitGatewayRouteTableAssociationsCommand({
      TransitGatewayRouteTableId: routeTableId,
      Filters: [{ Name: "transit-gateway-attachment-id", Values: [attachmentId] }],
    }),
  );
  const association = associations.Associations?.find((a) => a.TransitGatewayAttachmentId === attachmentId);
  if (!association) {
    await tolerating(["Resource.AlreadyAssociated"], () =>
      ec2.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: routeTableId, TransitGatewayAttachmentId: attachmentId })),
    );
  }
  const propagations = await ec2.send(
    new GetTransitGatewayRouteTablePropagationsCommand({
      TransitGatewayRouteTableId: routeTableId,
      Filters: [{ Name: "transit-gateway-attachment-id", Values: [attachmentId] }],
    }),
  );
  if (!propagations.TransitGatewayRouteTablePropagations?.some((p) => p.TransitGatewayAttachmentId === attachmentId)) {
    await tolerating(["TransitGatewayRouteTablePropagation.Duplicate"], () =>
      ec2.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: routeTableId, TransitGatewayAttachmentId: attachmentId })),
    );
  }
  return association?.State === "associated";
}

/**
 * Takes attachments out of the route tables they are associated with (propagation first), the
 * reverse of associateAndPropagate. True once none of them is associated any more.
 */
export async function leaveRouteTables(ec2: EC2Client, attachmentIds: readonly string[]): Promise<boolean> {
  if (attachmentIds.length === 0) return true;
  const listed = await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [...attachmentIds] })).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
  let clear = true;
  for (const attachment of listed?.TransitGatewayAttachments ?? []) {
    const association = attachment.Association;
    const attachmentId = attachment.TransitGatewayAttachmentId;
    if (!association?.TransitGatewayRouteTableId || !attachmentId || association.State === "disassociated") continue;
    clear = false;
    if (association.State === "disassociating") continue;
    const table = { TransitGatewayRouteTableId: association.TransitGatewayRouteTableId, TransitGatewayAttachmentId: attachmentId };
    await tolerating(["InvalidPropagation.NotFound"], () => ec2.send(new DisableTransitGatewayRouteTablePropagationCommand(table)));
    await tolerating(["InvalidAssociation.NotFound"], () => ec2.send(new DisassociateTransitGatewayRouteTableCommand(table)));
  }
  return clear;
}

/**
 * TGW: the tenant's own route table, the landing VPC's attachment associated with and propagated
 * into it, and routes from the landing VPC to the customer's networks through the gateway.
 */
async function attachTransitGateway(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpc: LandingVpc,
  subnets: readonly LandingSubnet[],
  transitGatewayId: string,
): Promise<StepOutcome<AttachmentOutput>> {
  const ec2 = deps.ec2(env.input.region);
  const tableTags = withTag(env, "onramp:role", "tenant-route-table");
  const { id: routeTableId } = await ensureResource(env, "tgwRouteTable", {
    find: () => findTgwRouteTables(ec2, tableTags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateTransitGatewayRouteTableCommand({
            TransitGatewayId: transitGatewayId,
            TagSpecifications: tagSpecifications("transit-gateway-route-table", creationTags(tableTags, env, "tenant")),
          }),
        );
        return required(created.TransitGatewayRouteTable?.TransitGatewayRouteTableId, "transit gateway route table id");
      }),
  });
  const attachmentTags = withTag(env, "onramp:role", "vpc-attachment");
  const { id: attachmentId } = await ensureResource(env, "tgwVpcAttachment", {
    find: () => findTgwVpcAttachments(ec2, vpc.vpcId, transitGatewayId),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateTransitGatewayVpcAttachmentCommand({
            TransitGatewayId: transitGatewayId,
            VpcId: vpc.vpcId,
            SubnetIds: subnets.map((subnet) => subnet.subnetId),
            TagSpecifications: tagSpecifications("transit-gateway-attachment", creationTags(attachmentTags, env, "landing")),
          }),
        );
        return required(created.TransitGatewayVpcAttachment?.TransitGatewayAttachmentId, "transit gateway attachment id");
      }),
  });

  const table = (await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ TransitGatewayRouteTableIds: [routeTableId] }))).TransitGatewayRouteTables?.[0];
  if (table?.State !== "available") return waitFor(`The tenant's transit gateway route table is ${table?.State ?? "pending"}.`);
  const attachment = (await ec2.send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] })))
    .TransitGatewayVpcAttachments?.[0];
  if (attachment?.State !== "available") return waitFor(`The landing VPC's transit gateway attachment is ${attachment?.State ?? "pending"}.`);
  if (!(await associateAndPropagate(ec2, routeTableId, attachmentId))) return waitFor("The landing VPC's attachment is associating with the tenant's route table.");

  const main = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [vpc.mainRouteTableId] }))).RouteTables?.[0];
  for (const cidr of env.input.onPremCidrs) {
    if (main?.Routes?.some((route) => route.DestinationCidrBlock === cidr && route.TransitGatewayId === transitGatewayId)) continue;
    await tolerating(["RouteAlreadyExists"], () =>
      ec2.send(new CreateRouteCommand({ RouteTableId: vpc.mainRouteTableId, DestinationCidrBlock: cidr, TransitGatewayId: transitGatewayId })),
    );
  }
  return { done: { kind: "tgw", tgwRouteTableId: routeTableId, tgwVpcAttachmentId: attachmentId } };
}

export function ensureAttachment(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpc: LandingVpc,
  subnets: readonly LandingSubnet[],
  gateway: GatewayOutput,
): Promise<StepOutcome<AttachmentOutput>> {
  return gateway.kind === "vgw" ? attachVpnGateway(deps, env, vpc, gateway.gatewayId) : attachTransitGateway(deps, env, vpc, subnets, gateway.gatewayId);
}

/** Undo of the attachment: whatever ran before it crashed is found by recorded ids and tags. */
export async function removeAttachment(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpc: LandingVpc | null,
  gateway: GatewayOutput | null,
  gatewayTags: Readonly<Record<string, string>>,
): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  if (!env.input.accelerated) {
    const gatewayIds = gateway ? [gateway.gatewayId] : await findByTags(ec2, "vpn-gateway", gatewayTags);
    for (const gatewayId of gatewayIds) {
      const listed = await vpnGatewayState(ec2, gatewayId).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      for (const attachment of listed?.VpcAttachments ?? []) {
        if (vpc && attachment.VpcId !== vpc.vpcId) continue;
        if (attachment.State === "detaching") return waitFor("The virtual private gateway is detaching from the landing VPC.");
        if (attachment.State === "attached" || attachment.State === "attaching") {
          if (vpc) {
            await tolerating(["Gateway.NotAttached"], () =>
              deleteTolerantly(() => ec2.send(new DisableVgwRoutePropagationCommand({ GatewayId: gatewayId, RouteTableId: vpc.mainRouteTableId }))),
            );
          }
          await deleteTolerantly(() => ec2.send(new DetachVpnGatewayCommand({ VpcId: attachment.VpcId, VpnGatewayId: gatewayId })));
          return waitFor("The virtual private gateway is detaching from the landing VPC.");
        }
      }
    }
    return { done: {} };
  }

  if (vpc && gateway) {
    for (const cidr of env.input.onPremCidrs) {
      await tolerating(["InvalidRoute.NotFound"], () => ec2.send(new DeleteRouteCommand({ RouteTableId: vpc.mainRouteTableId, DestinationCidrBlock: cidr })));
    }
  }
  const found = vpc && gateway ? await findTgwVpcAttachments(ec2, vpc.vpcId, gateway.gatewayId) : [];
  const attachmentIds = [...new Set([...(env.resources.tgwVpcAttachment ? [env.resources.tgwVpcAttachment] : []), ...found])];
  if (!(await leaveRouteTables(ec2, attachmentIds))) return waitFor("The landing VPC's attachment is leaving the tenant's route table.");
  let detaching = false;
  for (const id of attachmentIds) {
    const current = await ec2.send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [id] })).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    const state = current?.TransitGatewayVpcAttachments?.[0]?.State;
    if (!state || state === "deleted") continue;
    detaching = true;
    if (state !== "deleting") await deleteTolerantly(() => ec2.send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: id })));
  }
  if (detaching) return waitFor("The landing VPC's transit gateway attachment is being deleted.");

  const tableTags = withTag(env, "onramp:role", "tenant-route-table");
  const tableIds = [...new Set([...(env.resources.tgwRouteTable ? [env.resources.tgwRouteTable] : []), ...(await findTgwRouteTables(ec2, tableTags))])];
  for (const id of tableIds) {
    try {
      await deleteTolerantly(() => ec2.send(new DeleteTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: id })));
    } catch (error) {
      // The VPN's attachment leaves the table only once the VPN connection is deleted (its own undo).
      if (awsErrorCode(error) === "IncorrectState") return waitFor("The tenant's route table still has the VPN attached.");
      throw error;
    }
  }
  return { done: {} };
}
