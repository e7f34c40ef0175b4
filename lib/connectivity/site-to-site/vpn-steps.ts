import {
  CreateTransitGatewayRouteCommand,
  CreateVpnConnectionCommand,
  CreateVpnConnectionRouteCommand,
  DeleteVpnConnectionCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
  type VpnConnection,
} from "@aws-sdk/client-ec2";
import { AwsResponseError, isNotFound } from "@/lib/aws/errors";
import { parseCustomerGatewayConfiguration } from "@/lib/configs/vpn-device-config";
import { deleteTolerantly, ensureResource, findByTags, resourcesToRemove, tagSpecifications } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import { deleteSecrets, readSecrets, storeSecrets, TUNNEL_PSK_NAMES } from "./connection-secrets";
import { associateAndPropagate, leaveRouteTables, type AttachmentOutput, type GatewayOutput } from "./gateway-steps";
import { creating, creationTags, required, tolerating, waitFor, type SiteToSiteDeps, type StepEnv } from "./step-env";

/** The VPN connection itself, its pre-shared keys (encrypted at rest), and its routes. */

export interface TunnelOutput {
  outsideIp: string;
  insideCidr: string;
}

export interface VpnOutput {
  vpnConnectionId: string;
  tunnels: TunnelOutput[];
}

async function describeVpn(ec2: EC2Client, vpnConnectionId: string): Promise<VpnConnection> {
  const result = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }));
  const vpn = result.VpnConnections?.[0];
  if (!vpn) throw new AwsResponseError("InvalidVpnConnectionID.NotFound", `The VPN connection ${vpnConnectionId} is not listed.`);
  return vpn;
}

/**
 * Keeps the tunnels' pre-shared keys from the CustomerGatewayConfiguration document (AWS's own or
 * the customer's, as AWS confirms them) encrypted in connection_secrets; writes only on a change.
 */
async function keepPreSharedKeys(deps: SiteToSiteDeps, env: StepEnv, document: string): Promise<void> {
  const config = parseCustomerGatewayConfiguration(document);
  const wanted = config.tunnels.flatMap((tunnel) => {
    const name = TUNNEL_PSK_NAMES[tunnel.number - 1];
    return name ? [{ name, plaintext: tunnel.preSharedKey }] : [];
  });
  const stored = await readSecrets(deps.db(), env.connectionId, TUNNEL_PSK_NAMES);
  const changed = wanted.filter((secret) => stored.get(secret.name) !== secret.plaintext);
  if (changed.length > 0) await storeSecrets(deps.db(), env.connectionId, changed);
}

export async function ensureVpnConnection(
  deps: SiteToSiteDeps,
  env: StepEnv,
  customerGatewayId: string,
  gateway: GatewayOutput,
): Promise<StepOutcome<VpnOutput>> {
  const ec2 = deps.ec2(env.input.region);
  const { id: vpnConnectionId } = await ensureResource(env, "vpnConnection", {
    find: () => findByTags(ec2, "vpn-connection", env.tags),
    create: async () => {
      // Keys the customer chose wait encrypted until this call; AWS generates the others.
      const chosen = await readSecrets(deps.db(), env.connectionId, TUNNEL_PSK_NAMES);
      return creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateVpnConnectionCommand({
            Type: "ipsec.1",
            CustomerGatewayId: customerGatewayId,
            ...(gateway.kind === "vgw" ? { VpnGatewayId: gateway.gatewayId } : { TransitGatewayId: gateway.gatewayId }),
            Options: {
              StaticRoutesOnly: env.input.routing.type === "static",
              ...(env.input.accelerated ? { EnableAcceleration: true } : {}),
              TunnelOptions: TUNNEL_PSK_NAMES.map((name, index) => ({
                TunnelInsideCidr: env.input.tunnelInsideCidrs[index] ?? undefined,
                PreSharedKey: chosen.get(name),
              })),
            },
            TagSpecifications: tagSpecifications("vpn-connection", creationTags(env.tags, env, "vpn")),
          }),
        );
        return required(created.VpnConnection?.VpnConnectionId, "VPN connection id");
      });
    },
  });
  const vpn = await describeVpn(ec2, vpnConnectionId);
  if (vpn.CustomerGatewayConfiguration) await keepPreSharedKeys(deps, env, vpn.CustomerGatewayConfiguration);
  if (vpn.State === "deleting" || vpn.State === "deleted") {
    throw new AwsResponseError("IncorrectState", `The VPN connection ${vpnConnectionId} is ${vpn.State}.`);
  }
  if (vpn.State !== "available") return waitFor(`The VPN connection is ${vpn.State ?? "pending"}; AWS usually takes 3 to 10 minutes.`, 10_000);
  const tunnels = (vpn.Options?.TunnelOptions ?? []).map((tunnel) => ({
    outsideIp: required(tunnel.OutsideIpAddress, "tunnel outside address"),
    insideCidr: required(tunnel.TunnelInsideCidr, "tunnel inside CIDR"),
  }));
  return { done: { vpnConnectionId, tunnels } };
}

export async function removeVpnConnection(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  let deleting = false;
  for (const id of await resourcesToRemove(env, "vpnConnection", () => findByTags(ec2, "vpn-connection", env.tags))) {
    const vpn = await describeVpn(ec2, id).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!vpn || vpn.State === "deleted") continue;
    deleting = true;
    if (vpn.State !== "deleting") await deleteTolerantly(() => ec2.send(new DeleteVpnConnectionCommand({ VpnConnectionId: id })));
  }
  // The gateways and the customer gateway can go only once the VPN connection is deleted.
  if (deleting) return waitFor("The VPN connection is being deleted.");
  await deleteSecrets(deps.db(), env.connectionId);
  return { done: {} };
}

async function vpnAttachmentIds(ec2: EC2Client, vpnConnectionIds: readonly string[]): Promise<string[]> {
  if (vpnConnectionIds.length === 0) return [];
  const listed = await ec2.send(
    new DescribeTransitGatewayAttachmentsCommand({
      Filters: [
        { Name: "resource-id", Values: [...vpnConnectionIds] },
        { Name: "resource-type", Values: ["vpn"] },
      ],
    }),
  );
  return (listed.TransitGatewayAttachments ?? []).flatMap((a) => (a.TransitGatewayAttachmentId && a.State !== "deleted" ? [a.TransitGatewayAttachmentId] : []));
}

/**
 * TGW: takes the VPN's attachment out of the tenant's route table, so the table can be deleted
 * once the landing VPC's attachment has left it too. A virtual private gateway needs nothing:
 * the VPN's static routes go with the VPN connection.
 */
export async function removeVpnRouting(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpn: VpnOutput | null,
  vpnTags: Readonly<Record<string, string>>,
): Promise<StepOutcome<Record<string, never>>> {
  if (!env.input.accelerated) return { done: {} };
  const ec2 = deps.ec2(env.input.region);
  const vpnIds = vpn ? [vpn.vpnConnectionId] : await findByTags(ec2, "vpn-connection", vpnTags);
  if (!(await leaveRouteTables(ec2, await vpnAttachmentIds(ec2, vpnIds)))) return waitFor("The VPN's attachment is leaving the tenant's route table.");
  return { done: {} };
}

export interface VpnRoutingOutput {
  tgwVpnAttachmentId: string | null;
  staticRoutes: string[];
}

/**
 * Routes between the customer's networks and the VPN. VGW: static routes on the VPN connection
 * (BGP needs none; the main route table already propagates). TGW: the VPN's attachment associated
 * with and propagated into the tenant's route table, plus static routes there when not BGP.
 */
export async function ensureVpnRouting(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpn: VpnOutput,
  attachment: AttachmentOutput,
): Promise<StepOutcome<VpnRoutingOutput>> {
  const ec2 = deps.ec2(env.input.region);
  const staticRoutes = env.input.routing.type === "static" ? env.input.onPremCidrs : [];
  if (attachment.kind === "vgw") {
    const existing = new Set((await describeVpn(ec2, vpn.vpnConnectionId)).Routes?.map((route) => route.DestinationCidrBlock));
    for (const cidr of staticRoutes.filter((route) => !existing.has(route))) {
      await tolerating(["RouteAlreadyExists"], () => ec2.send(new CreateVpnConnectionRouteCommand({ VpnConnectionId: vpn.vpnConnectionId, DestinationCidrBlock: cidr })));
    }
    return { done: { tgwVpnAttachmentId: null, staticRoutes } };
  }

  const routeTableId = required(attachment.tgwRouteTableId ?? undefined, "tenant route table");
  const [attachmentId] = await vpnAttachmentIds(ec2, [vpn.vpnConnectionId]);
  const state = attachmentId
    ? (await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] }))).TransitGatewayAttachments?.[0]?.State
    : undefined;
  if (!attachmentId || state !== "available") return waitFor("The VPN connection's transit gateway attachment is not available yet.");
  if (!(await associateAndPropagate(ec2, routeTableId, attachmentId))) return waitFor("The VPN's attachment is associating with the tenant's route table.");
  for (const cidr of staticRoutes) {
    await tolerating(["RouteAlreadyExists"], () =>
      ec2.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: routeTableId, DestinationCidrBlock: cidr, TransitGatewayAttachmentId: attachmentId })),
    );
  }
  return { done: { tgwVpnAttachmentId: attachmentId, staticRoutes } };
}
