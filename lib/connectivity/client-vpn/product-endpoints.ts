import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import {
  deleteEndpoints,
  endpointIds,
  endpointState,
  ensureInterfaceEndpoints,
  isLiveEndpoint,
  type InterfaceEndpoint,
} from "@/lib/connectivity/landing-network/interface-endpoints";
import { waitFor } from "@/lib/connectivity/landing-network/step-env";
import { tagFilters } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import type { LandingSubnet } from "./network-steps";
import { named, type ClientVpnDeps, type StepEnv } from "./step-env";

/**
 * An interface endpoint to each of the region's products, in both subnets, with private DNS where
 * the product has a private name: the endpoint hands clients the VPC's resolver, so the products'
 * own names resolve to these endpoints through the VPN.
 */
export type ProductEndpoint = InterfaceEndpoint;

export function ensureProductEndpoints(
  deps: ClientVpnDeps,
  env: StepEnv,
  vpcId: string,
  subnets: readonly LandingSubnet[],
  productsGroupId: string,
): Promise<StepOutcome<{ endpoints: ProductEndpoint[] }>> {
  return ensureInterfaceEndpoints(deps, env, {
    vpcId,
    subnetIds: subnets.map((subnet) => subnet.subnetId),
    securityGroupId: productsGroupId,
    products: env.input.products,
    creationTags: (tags, what) => named(tags, env, what),
  });
}

/** Deletes the step's endpoints and waits until they are gone: they hold the subnets and the group. */
export async function removeProductEndpoints(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const ec2 = deps.ec2(env.input.region);
  // Tagged at creation, so the tags find every one, recorded or made by an attempt that crashed first.
  const tagged = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilters(env.tags) }))).VpcEndpoints ?? [];
  const live = endpointIds(tagged.filter(isLiveEndpoint));
  if (live.length > 0) await deleteEndpoints(ec2, live);
  if (live.length > 0 || tagged.some((endpoint) => endpointState(endpoint) === "deleting")) return waitFor("The interface endpoints are being deleted.");
  return { done: {} };
}
