import { DescribeVpcEndpointsCommand, type EC2Client, type Filter } from "@aws-sdk/client-ec2";
import {
  deleteEndpoints,
  endpointIds,
  endpointState,
  ensureInterfaceEndpoints,
  isLiveEndpoint,
  type InterfaceEndpoint,
} from "@/lib/connectivity/landing-network/interface-endpoints";
import { waitFor } from "@/lib/connectivity/landing-network/step-env";
import type { StepOutcome } from "@/lib/engine/plan";
import type { LandingSubnet } from "./network-steps";
import { additionUnderWay } from "./product-additions";
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

/** Deletes the live endpoints the filters find and waits until none is left: they hold the subnets, the group and the VPC. */
export async function removeEndpointsWhere(ec2: EC2Client, filters: Filter[]): Promise<StepOutcome<Record<string, never>>> {
  const found = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters }))).VpcEndpoints ?? [];
  const live = endpointIds(found.filter(isLiveEndpoint));
  if (live.length > 0) await deleteEndpoints(ec2, live);
  if (live.length > 0 || found.some((endpoint) => endpointState(endpoint) === "deleting")) return waitFor("The interface endpoints are being deleted.");
  return { done: {} };
}

/**
 * Deletes every interface endpoint in the environment's VPC, the step's own and those of products
 * added later (product-addition-plan.ts), and waits until they are gone. The VPC is the
 * environment's alone, so nothing else lives there. An addition still running could make its
 * endpoint behind this step's back: it is waited for (it gives up once the environment is no longer
 * available).
 */
export async function removeProductEndpoints(deps: ClientVpnDeps, env: StepEnv, vpcId: string | null): Promise<StepOutcome<Record<string, never>>> {
  if (await additionUnderWay(deps.db(), env.connectionId)) return waitFor("Products being added to the environment finish first.");
  // This step runs only after the VPC step finished, so without its id it made nothing.
  if (!vpcId) return { done: {} };
  return removeEndpointsWhere(deps.ec2(env.input.region), [{ Name: "vpc-id", Values: [vpcId] }]);
}
