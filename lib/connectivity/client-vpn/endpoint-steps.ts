import {
  AssociateClientVpnTargetNetworkCommand,
  AuthorizeClientVpnIngressCommand,
  CreateClientVpnEndpointCommand,
  DeleteClientVpnEndpointCommand,
  DescribeClientVpnAuthorizationRulesCommand,
  DescribeClientVpnEndpointsCommand,
  DescribeClientVpnTargetNetworksCommand,
  DisassociateClientVpnTargetNetworkCommand,
  type ClientVpnEndpoint,
  type EC2Client,
  type TargetNetwork,
} from "@aws-sdk/client-ec2";
import { AwsResponseError, isNotFound } from "@/lib/aws/errors";
import { creating, required, tolerating, waitFor } from "@/lib/connectivity/landing-network/step-env";
import { deleteTolerantly, ensureResource, resourcesToRemove, tagFilters, tagSpecifications } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import type { EndpointCertificates } from "./certificate-steps";
import { withEndpointOperation } from "./endpoint-operations";
import { vpcResolverAddress, type Addresses, type LandingSubnet } from "./network-steps";
import { named, type ClientVpnDeps, type StepEnv } from "./step-env";

/** The shared Client VPN endpoint, its target networks (the two subnets) and its authorization rules. */

const GONE = new Set(["deleting", "deleted"]);

async function findEndpoints(ec2: EC2Client, tags: Readonly<Record<string, string>>): Promise<ClientVpnEndpoint[]> {
  const result = await ec2.send(new DescribeClientVpnEndpointsCommand({ Filters: tagFilters(tags) }));
  return (result.ClientVpnEndpoints ?? []).filter((endpoint) => !GONE.has(endpoint.Status?.Code ?? ""));
}

async function describeEndpoint(ec2: EC2Client, id: string): Promise<ClientVpnEndpoint | null> {
  try {
    return (await ec2.send(new DescribeClientVpnEndpointsCommand({ ClientVpnEndpointIds: [id] }))).ClientVpnEndpoints?.[0] ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** What the endpoint is built from: the earlier steps' outputs. */
export interface EndpointInputs {
  addresses: Addresses;
  vpcId: string;
  endpointGroupId: string;
  certificates: EndpointCertificates;
  connectionLog: { logGroupName: string; logStreamName: string };
}

/**
 * Mutual certificate authentication; split tunnel, so devices send only the VPC's traffic through
 * the VPN; the VPC's resolver as the clients' DNS server, so the products' private names resolve
 * to the interface endpoints; connection logging to the environment's log group, so the page can
 * show where devices connect from and why an attempt was refused.
 */
export async function ensureEndpoint(
  deps: ClientVpnDeps,
  env: StepEnv,
  { addresses, vpcId, endpointGroupId, certificates, connectionLog }: EndpointInputs,
): Promise<StepOutcome<{ clientVpnEndpointId: string; dnsName: string }>> {
  const ec2 = deps.ec2(env.input.region);
  const { id } = await ensureResource(env, "clientVpnEndpoint", {
    find: async () => (await findEndpoints(ec2, env.tags)).flatMap((endpoint) => (endpoint.ClientVpnEndpointId ? [endpoint.ClientVpnEndpointId] : [])),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateClientVpnEndpointCommand({
            Description: `Onramp shared Client VPN (${env.input.region})`,
            ClientCidrBlock: addresses.clientCidr,
            ServerCertificateArn: certificates.serverCertificateArn,
            AuthenticationOptions: [
              { Type: "certificate-authentication", MutualAuthentication: { ClientRootCertificateChainArn: certificates.clientTrustCertificateArn } },
            ],
            ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: connectionLog.logGroupName, CloudwatchLogStream: connectionLog.logStreamName },
            DnsServers: [vpcResolverAddress(addresses.vpcCidr)],
            TransportProtocol: "udp",
            VpnPort: 443,
            SplitTunnel: true,
            SessionTimeoutHours: env.input.sessionTimeoutHours,
            DisconnectOnSessionTimeout: true,
            VpcId: vpcId,
            SecurityGroupIds: [endpointGroupId],
            ClientToken: env.idempotencyToken("client-vpn-endpoint"),
            TagSpecifications: tagSpecifications("client-vpn-endpoint", named(env.tags, env, "endpoint")),
          }),
        );
        return required(created.ClientVpnEndpointId, "Client VPN endpoint id");
      }),
  });
  const endpoint = await describeEndpoint(ec2, id);
  if (!endpoint || GONE.has(endpoint.Status?.Code ?? "")) throw new AwsResponseError("InvalidClientVpnEndpointId.NotFound", `The Client VPN endpoint ${id} is gone.`);
  return { done: { clientVpnEndpointId: id, dnsName: required(endpoint.DnsName, "Client VPN endpoint DNS name") } };
}

export async function removeEndpoint(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  const ids = await resourcesToRemove(env, "clientVpnEndpoint", async () =>
    (await findEndpoints(ec2, env.tags)).flatMap((endpoint) => (endpoint.ClientVpnEndpointId ? [endpoint.ClientVpnEndpointId] : [])),
  );
  let deleting = false;
  for (const id of ids) {
    const status = (await describeEndpoint(ec2, id))?.Status?.Code;
    if (status === undefined || status === "deleted") continue;
    deleting = true;
    if (status !== "deleting") await deleteTolerantly(() => ec2.send(new DeleteClientVpnEndpointCommand({ ClientVpnEndpointId: id })));
  }
  // ACM refuses to delete the certificates while the endpoint exists.
  return deleting ? waitFor("The Client VPN endpoint is being deleted.") : { done: {} };
}

export interface Association {
  associationId: string;
  subnetId: string;
}

const LIVE_ASSOCIATION = new Set(["associating", "associated"]);

async function targetNetworks(ec2: EC2Client, endpointId: string): Promise<TargetNetwork[]> {
  const result = await ec2.send(new DescribeClientVpnTargetNetworksCommand({ ClientVpnEndpointId: endpointId }));
  return result.ClientVpnTargetNetworks ?? [];
}

/**
 * Both subnets as target networks. The endpoint becomes available with the first; AWS takes 10 to
 * 17 minutes per association (AWS-FACTS.md), so the step is rechecked on a slow schedule.
 */
export async function ensureAssociations(
  deps: ClientVpnDeps,
  env: StepEnv,
  endpointId: string,
  subnets: readonly LandingSubnet[],
): Promise<StepOutcome<{ associations: Association[] }>> {
  const ec2 = deps.ec2(env.input.region);
  const associations: Association[] = [];
  for (const subnet of subnets) {
    const { id } = await ensureResource(env, `association:${subnet.zoneId}`, {
      find: async () =>
        (await targetNetworks(ec2, endpointId)).flatMap((network) =>
          network.TargetNetworkId === subnet.subnetId && network.AssociationId && LIVE_ASSOCIATION.has(network.Status?.Code ?? "") ? [network.AssociationId] : [],
        ),
      create: () =>
        creating(deps, env, async () => {
          const created = await withEndpointOperation(deps.db(), endpointId, () =>
            ec2.send(
              new AssociateClientVpnTargetNetworkCommand({
                ClientVpnEndpointId: endpointId,
                SubnetId: subnet.subnetId,
                ClientToken: env.idempotencyToken(`association:${subnet.zoneId}`),
              }),
            ),
          );
          return required(created.AssociationId, "association id");
        }),
    });
    associations.push({ associationId: id, subnetId: subnet.subnetId });
  }
  const states = new Map((await targetNetworks(ec2, endpointId)).map((network) => [network.AssociationId, network.Status?.Code ?? ""]));
  const failed = associations.find((association) => !LIVE_ASSOCIATION.has(states.get(association.associationId) ?? "associating"));
  if (failed) {
    throw new AwsResponseError("InvalidClientVpnAssociationState", `The association of ${failed.subnetId} is ${states.get(failed.associationId)}.`);
  }
  if (associations.some((association) => states.get(association.associationId) !== "associated")) {
    return waitFor("The subnets are being associated with the Client VPN endpoint; AWS usually takes 10 to 17 minutes.", 30_000);
  }
  return { done: { associations } };
}

export async function removeAssociations(deps: ClientVpnDeps, env: StepEnv, endpointId: string | null): Promise<StepOutcome<Record<string, never>>> {
  if (!endpointId) return { done: {} };
  const ec2 = deps.ec2(env.input.region);
  let networks: TargetNetwork[];
  try {
    networks = await targetNetworks(ec2, endpointId);
  } catch (error) {
    if (isNotFound(error)) return { done: {} };
    throw error;
  }
  for (const network of networks) {
    if (network.AssociationId && LIVE_ASSOCIATION.has(network.Status?.Code ?? "")) {
      const AssociationId = network.AssociationId;
      await deleteTolerantly(() =>
        withEndpointOperation(deps.db(), endpointId, () => ec2.send(new DisassociateClientVpnTargetNetworkCommand({ ClientVpnEndpointId: endpointId, AssociationId }))),
      );
    }
  }
  // The endpoint can be deleted only once no subnet is associated.
  if (networks.some((network) => network.Status?.Code !== "disassociated")) return waitFor("The subnets are being disassociated from the Client VPN endpoint.", 10_000);
  return { done: {} };
}

/**
 * Clients may reach the endpoint subnets and nothing else: one rule per subnet, for all clients
 * (certificate authentication has no groups). No rule covers the client block, so client-to-client
 * traffic is refused, and split tunnelling sends nothing else through the VPN. The VPC's resolver
 * (its base address + 2) lies in the first subnet, so clients' DNS is covered too. The rules go
 * with the endpoint when it is deleted, so there is no undo.
 */
export async function ensureAuthorization(
  deps: ClientVpnDeps,
  env: StepEnv,
  endpointId: string,
  subnets: readonly LandingSubnet[],
): Promise<StepOutcome<{ authorizedCidrs: string[] }>> {
  const ec2 = deps.ec2(env.input.region);
  const rulesNow = async () =>
    new Map(
      ((await ec2.send(new DescribeClientVpnAuthorizationRulesCommand({ ClientVpnEndpointId: endpointId }))).AuthorizationRules ?? []).map((rule) => [
        rule.DestinationCidr,
        rule.Status?.Code ?? "",
      ]),
    );
  const existing = await rulesNow();
  for (const subnet of subnets) {
    if (existing.has(subnet.cidr)) continue;
    await creating(deps, env, () =>
      tolerating(["InvalidClientVpnDuplicateAuthorizationRuleError"], () =>
        withEndpointOperation(deps.db(), endpointId, () =>
          ec2.send(
          new AuthorizeClientVpnIngressCommand({
            ClientVpnEndpointId: endpointId,
            TargetNetworkCidr: subnet.cidr,
            AuthorizeAllGroups: true,
            Description: `Onramp: devices to the product endpoints in ${subnet.zoneId}`,
            ClientToken: env.idempotencyToken(`authorize:${subnet.cidr}`),
          }),
          ),
        ),
      ),
    );
  }
  const rules = await rulesNow();
  if (subnets.some((subnet) => rules.get(subnet.cidr) !== "active")) return waitFor("The authorization rules are being applied; AWS usually takes 1 to 3 minutes.", 10_000);
  return { done: { authorizedCidrs: subnets.map((subnet) => subnet.cidr) } };
}
