import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { z } from "zod";
import { AwsResponseError } from "@/lib/aws/errors";
import { ensureResource, tagFilters, tagSpecifications } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import { creating, required, waitFor, type CreationTags, type LandingDeps, type LandingStepEnv } from "./step-env";

/** Interface endpoints to the provider's products in the landing VPC: their states, creating or adopting them, deleting them. */

/** The endpoints step's output, as a plan declares it. */
export const interfaceEndpointsOutput = z.object({
  endpoints: z.array(z.object({ productRegionId: z.string(), vpcEndpointId: z.string(), dnsNames: z.array(z.string()) })),
});

export type InterfaceEndpoint = z.infer<typeof interfaceEndpointsOutput>["endpoints"][number];

export interface EndpointProduct {
  readonly productRegionId: string;
  readonly productName: string;
  readonly serviceName: string;
  readonly serviceId: string;
  readonly privateDnsName: string | null;
}

/** AWS sends endpoint states in camelCase (pendingAcceptance) while the SDK's enum says PascalCase. */
export function endpointState(endpoint: VpcEndpoint | null | undefined): string {
  return String(endpoint?.State ?? "").toLowerCase();
}

const GONE = new Set(["deleted", "deleting"]);
const FAILED = new Set(["rejected", "failed", "expired"]);

export const isLiveEndpoint = (endpoint: VpcEndpoint) => !GONE.has(endpointState(endpoint));

export const endpointIds = (endpoints: readonly VpcEndpoint[]) => endpoints.flatMap((endpoint) => (endpoint.VpcEndpointId ? [endpoint.VpcEndpointId] : []));

/** The endpoints carrying the tags that are not deleted or on their way out. */
export async function liveEndpoints(ec2: EC2Client, tags: Readonly<Record<string, string>>): Promise<VpcEndpoint[]> {
  const result = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(tags) }));
  return (result.VpcEndpoints ?? []).filter(isLiveEndpoint);
}

/**
 * One interface endpoint per product, in every given subnet, with private DNS where the product
 * has a private name. CreateVpcEndpoint takes a ClientToken, and the step also looks for its tags
 * first, so a resumed step makes none twice. The provider owns these services, so AWS usually
 * accepts its own endpoints at once; one that shows up pendingAcceptance is accepted here.
 */
export async function ensureInterfaceEndpoints(
  deps: LandingDeps,
  env: LandingStepEnv,
  target: {
    vpcId: string;
    subnetIds: readonly string[];
    securityGroupId: string;
    products: readonly EndpointProduct[];
    creationTags: CreationTags;
  },
): Promise<StepOutcome<{ endpoints: InterfaceEndpoint[] }>> {
  const ec2 = deps.ec2(env.input.region);
  const endpoints: InterfaceEndpoint[] = [];
  const pending: string[] = [];
  for (const product of target.products) {
    const tags = { ...env.tags, "onramp:product": product.productRegionId };
    const { id } = await ensureResource(env, `endpoint:${product.productRegionId}`, {
      find: async () => endpointIds(await liveEndpoints(ec2, tags)),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateVpcEndpointCommand({
              VpcEndpointType: "Interface",
              VpcId: target.vpcId,
              ServiceName: product.serviceName,
              SubnetIds: [...target.subnetIds],
              SecurityGroupIds: [target.securityGroupId],
              PrivateDnsEnabled: product.privateDnsName !== null,
              ClientToken: env.idempotencyToken(`endpoint:${product.productRegionId}`),
              TagSpecifications: tagSpecifications("vpc-endpoint", target.creationTags(tags, product.productName.toLowerCase().replace(/[^a-z0-9]+/g, "-"))),
            }),
          );
          return required(created.VpcEndpoint?.VpcEndpointId, "VPC endpoint id");
        }),
    });
    const endpoint = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints?.[0];
    const state = endpointState(endpoint);
    if (FAILED.has(state) || GONE.has(state)) throw new AwsResponseError("InvalidVpcEndpointState", `The interface endpoint to ${product.productName} is ${state}.`);
    if (state === "pendingacceptance") {
      await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: product.serviceId, VpcEndpointIds: [id] }));
    }
    if (state !== "available") {
      pending.push(product.productName);
      continue;
    }
    const dnsNames = (endpoint?.DnsEntries ?? []).flatMap((entry) => (entry.DnsName ? [entry.DnsName] : []));
    endpoints.push({ productRegionId: product.productRegionId, vpcEndpointId: id, dnsNames });
  }
  if (pending.length > 0) return waitFor(`The interface endpoint to ${pending.join(" and ")} is being provisioned.`, 5_000);
  return { done: { endpoints } };
}

/** Deletes the endpoints; one already gone counts as deleted. */
export async function deleteEndpoints(ec2: EC2Client, ids: string[]): Promise<void> {
  const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ids }));
  const failure = (out.Unsuccessful ?? []).find((item) => !(item.Error?.Code ?? "").endsWith(".NotFound"));
  if (failure) throw new AwsResponseError(failure.Error?.Code ?? "Unknown", "DeleteVpcEndpoints refused an endpoint.");
}
