import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { AwsResponseError } from "@/lib/aws/errors";
import { required, waitFor } from "@/lib/connectivity/site-to-site/step-env";
import { ensureResource, tagFilters, tagSpecifications } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import type { LandingSubnet } from "./network-steps";
import { creating, named, tagsFor, type ClientVpnDeps, type StepEnv } from "./step-env";

/**
 * An interface endpoint to each of the region's products, in both subnets, with private DNS where
 * the product has a private name: the endpoint hands clients the VPC's resolver, so the products'
 * own names resolve to these endpoints through the VPN.
 */
export interface ProductEndpoint {
  productRegionId: string;
  vpcEndpointId: string;
  dnsNames: string[];
}

/** AWS sends endpoint states in camelCase (pendingAcceptance) while the SDK's enum says PascalCase. */
const stateOf = (endpoint: VpcEndpoint | undefined) => String(endpoint?.State ?? "").toLowerCase();
const GONE = new Set(["deleted", "deleting"]);
const FAILED = new Set(["rejected", "failed", "expired"]);

async function liveEndpoints(ec2: EC2Client, tags: Readonly<Record<string, string>>): Promise<VpcEndpoint[]> {
  const result = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(tags) }));
  return (result.VpcEndpoints ?? []).filter((endpoint) => !GONE.has(stateOf(endpoint)));
}

const idsOf = (endpoints: readonly VpcEndpoint[]) => endpoints.flatMap((endpoint) => (endpoint.VpcEndpointId ? [endpoint.VpcEndpointId] : []));

export async function ensureProductEndpoints(
  deps: ClientVpnDeps,
  env: StepEnv,
  vpcId: string,
  subnets: readonly LandingSubnet[],
  productsGroupId: string,
): Promise<StepOutcome<{ endpoints: ProductEndpoint[] }>> {
  const ec2 = deps.ec2(env.input.region);
  const ready: ProductEndpoint[] = [];
  const pending: string[] = [];
  for (const product of env.input.products) {
    const tags = tagsFor(env, { "onramp:product": product.productRegionId });
    // CreateVpcEndpoint takes a ClientToken, and the tags are looked for first: a resumed step makes none twice.
    const { id } = await ensureResource(env, `endpoint:${product.productRegionId}`, {
      find: async () => idsOf(await liveEndpoints(ec2, tags)),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateVpcEndpointCommand({
              VpcEndpointType: "Interface",
              VpcId: vpcId,
              ServiceName: product.serviceName,
              SubnetIds: subnets.map((subnet) => subnet.subnetId),
              SecurityGroupIds: [productsGroupId],
              PrivateDnsEnabled: product.privateDnsName !== null,
              ClientToken: env.idempotencyToken(`endpoint:${product.productRegionId}`),
              TagSpecifications: tagSpecifications("vpc-endpoint", named(tags, env, product.productName.toLowerCase().replace(/[^a-z0-9]+/g, "-"))),
            }),
          );
          return required(created.VpcEndpoint?.VpcEndpointId, "VPC endpoint id");
        }),
    });
    const endpoint = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints?.[0];
    const state = stateOf(endpoint);
    if (FAILED.has(state) || GONE.has(state)) throw new AwsResponseError("InvalidVpcEndpointState", `The interface endpoint to ${product.productName} is ${state}.`);
    if (state === "pendingacceptance") {
      // The provider owns the services; one not accepting its own endpoints at once is accepted here.
      await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: product.serviceId, VpcEndpointIds: [id] }));
    }
    if (state !== "available") {
      pending.push(product.productName);
      continue;
    }
    const dnsNames = (endpoint?.DnsEntries ?? []).flatMap((entry) => (entry.DnsName ? [entry.DnsName] : []));
    ready.push({ productRegionId: product.productRegionId, vpcEndpointId: id, dnsNames });
  }
  if (pending.length > 0) return waitFor(`The interface endpoint to ${pending.join(" and ")} is being provisioned.`, 5_000);
  return { done: { endpoints: ready } };
}

/** Deletes the step's endpoints and waits until they are gone: they hold the subnets and the group. */
export async function removeProductEndpoints(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  // Tagged at creation, so the tags find every one, recorded or made by an attempt that crashed first.
  const tagged = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(env.tags) }))).VpcEndpoints ?? [];
  const live = idsOf(tagged.filter((endpoint) => !GONE.has(stateOf(endpoint))));
  if (live.length > 0) {
    const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: live }));
    const failure = (out.Unsuccessful ?? []).find((item) => !(item.Error?.Code ?? "").endsWith(".NotFound"));
    if (failure) throw new AwsResponseError(failure.Error?.Code ?? "Unknown", "DeleteVpcEndpoints refused an endpoint.");
  }
  if (live.length > 0 || tagged.some((endpoint) => stateOf(endpoint) === "deleting")) return waitFor("The interface endpoints are being deleted.");
  return { done: {} };
}
