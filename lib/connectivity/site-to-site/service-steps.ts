import { DescribeVpcEndpointsCommand, type EC2Client, type VpcEndpoint } from "@aws-sdk/client-ec2";
import {
  CreateResolverEndpointCommand,
  DeleteResolverEndpointCommand,
  GetResolverEndpointCommand,
  ListResolverEndpointIpAddressesCommand,
  ListResolverEndpointsCommand,
  type ResolverEndpoint,
  type Route53ResolverClient,
} from "@aws-sdk/client-route53resolver";
import { AwsResponseError, awsErrorCode } from "@/lib/aws/errors";
import {
  deleteEndpoints,
  endpointIds,
  endpointState,
  ensureInterfaceEndpoints,
  isLiveEndpoint,
  liveEndpoints,
  type InterfaceEndpoint,
} from "@/lib/connectivity/landing-network/interface-endpoints";
import { ensureResource } from "@/lib/engine/adopt";
import { idempotencyToken } from "@/lib/engine/idempotency";
import type { StepOutcome } from "@/lib/engine/plan";
import type { LandingGroups, LandingSubnet, LandingVpc } from "./network-steps";
import { creating, creationTags, required, waitFor, type SiteToSiteDeps, type StepEnv } from "./step-env";

/** What the customer reaches in the landing VPC: an interface endpoint per product, and inbound DNS. */

/** One interface endpoint per product, in every landing subnet, admitting the customer's networks. */
export function ensureEndpoints(
  deps: SiteToSiteDeps,
  env: StepEnv,
  vpc: LandingVpc,
  subnets: readonly LandingSubnet[],
  groups: LandingGroups,
): Promise<StepOutcome<{ endpoints: InterfaceEndpoint[] }>> {
  return ensureInterfaceEndpoints(deps, env, {
    vpcId: vpc.vpcId,
    subnetIds: subnets.map((subnet) => subnet.subnetId),
    securityGroupId: groups.endpointGroupId,
    products: env.input.products,
    creationTags: (tags, what) => creationTags(tags, env, what),
  });
}

export async function removeEndpoints(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  const recorded = Object.entries(env.resources).flatMap(([key, id]) => (key.startsWith("endpoint:") ? [id] : []));
  const tagged = endpointIds(await liveEndpoints(ec2, env.tags));
  const ids = [...new Set([...recorded, ...tagged])];
  if (ids.length === 0) return { done: {} };
  const described = await Promise.all(ids.map((id) => describeEndpoint(ec2, id)));
  const live = endpointIds(described.flatMap((endpoint) => (endpoint && isLiveEndpoint(endpoint) ? [endpoint] : [])));
  const stillDeleting = described.some((endpoint) => endpointState(endpoint) === "deleting");
  if (live.length > 0) await deleteEndpoints(ec2, live);
  // Subnets and security groups can go only once the endpoints' interfaces are gone.
  if (live.length > 0 || stillDeleting) return waitFor("The interface endpoints are being deleted.");
  return { done: {} };
}

async function describeEndpoint(ec2: EC2Client, id: string): Promise<VpcEndpoint | null> {
  try {
    return (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints?.[0] ?? null;
  } catch (error) {
    if (awsErrorCode(error).endsWith(".NotFound")) return null;
    throw error;
  }
}

export interface ResolverOutput {
  resolverEndpointId: string;
  ips: string[];
}

const RESOLVER_GONE = "ResourceNotFoundException";

async function getResolverEndpoint(resolver: Route53ResolverClient, id: string): Promise<ResolverEndpoint | null> {
  try {
    return (await resolver.send(new GetResolverEndpointCommand({ ResolverEndpointId: id }))).ResolverEndpoint ?? null;
  } catch (error) {
    if (awsErrorCode(error) === RESOLVER_GONE) return null;
    throw error;
  }
}

/** The Resolver API has no tag filter; CreatorRequestId is the step's own idempotency token, so it identifies the endpoint. */
async function findResolverEndpoints(resolver: Route53ResolverClient, creatorRequestId: string): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await resolver.send(new ListResolverEndpointsCommand({ NextToken, MaxResults: 100 }));
    for (const endpoint of page.ResolverEndpoints ?? []) {
      if (endpoint.CreatorRequestId === creatorRequestId && endpoint.Id && endpoint.Status !== "DELETING") ids.push(endpoint.Id);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

function creatorRequestIdOf(env: StepEnv): string {
  // In an undo, the context's token is the undo's own; the create used the provisioning run's.
  return idempotencyToken(env.tags["onramp:run"] ?? env.runId, env.tags["onramp:step"] ?? env.stepName, "resolver");
}

/** A Route 53 Resolver inbound endpoint with an address in each of the first two landing subnets. */
export async function ensureResolver(
  deps: SiteToSiteDeps,
  env: StepEnv,
  subnets: readonly LandingSubnet[],
  groups: LandingGroups,
): Promise<StepOutcome<ResolverOutput>> {
  const resolver = deps.resolver(env.input.region);
  const creatorRequestId = creatorRequestIdOf(env);
  const { id } = await ensureResource(env, "resolverEndpoint", {
    find: () => findResolverEndpoints(resolver, creatorRequestId),
    create: () =>
      creating(deps, env, async () => {
        const created = await resolver.send(
          new CreateResolverEndpointCommand({
            CreatorRequestId: creatorRequestId,
            Name: `onramp-${env.connectionId.slice(0, 8)}-inbound`,
            Direction: "INBOUND",
            SecurityGroupIds: [groups.resolverGroupId],
            IpAddresses: subnets.slice(0, 2).map((subnet) => ({ SubnetId: subnet.subnetId })),
            Tags: Object.entries(creationTags(env.tags, env, "inbound")).map(([Key, Value]) => ({ Key, Value })),
          }),
        );
        return required(created.ResolverEndpoint?.Id, "resolver endpoint id");
      }),
  });
  const endpoint = await getResolverEndpoint(resolver, id);
  if (!endpoint) throw new AwsResponseError("ResourceNotFoundException", `The resolver endpoint ${id} is gone.`);
  if (endpoint.Status === "DELETING") throw new AwsResponseError("InvalidRequestException", `The resolver endpoint ${id} is being deleted.`);
  // ACTION_NEEDED has been seen to pass by itself while AWS settles the addresses (AWS-FACTS.md).
  if (endpoint.Status !== "OPERATIONAL") return waitFor(`The inbound resolver endpoint is ${endpoint.Status ?? "CREATING"}; AWS usually takes about 2 minutes.`, 10_000);
  const addresses = await resolver.send(new ListResolverEndpointIpAddressesCommand({ ResolverEndpointId: id }));
  const ips = (addresses.IpAddresses ?? []).flatMap((address) => (address.Ip ? [address.Ip] : []));
  return { done: { resolverEndpointId: id, ips } };
}

export async function removeResolver(deps: SiteToSiteDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const resolver = deps.resolver(env.input.region);
  const recorded = env.resources.resolverEndpoint;
  const ids = [...new Set([...(recorded ? [recorded] : []), ...(await findResolverEndpoints(resolver, creatorRequestIdOf(env)))])];
  let deleting = false;
  for (const id of ids) {
    const endpoint = await getResolverEndpoint(resolver, id);
    if (!endpoint) continue;
    deleting = true;
    if (endpoint.Status !== "DELETING") {
      try {
        await resolver.send(new DeleteResolverEndpointCommand({ ResolverEndpointId: id }));
      } catch (error) {
        if (awsErrorCode(error) !== RESOLVER_GONE) throw error;
      }
    }
  }
  // Its addresses hold the subnets until the endpoint is gone.
  if (deleting) return waitFor("The inbound resolver endpoint is being deleted.");
  return { done: {} };
}
