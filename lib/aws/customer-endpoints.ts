import "server-only";
import {
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { customerEc2 } from "./clients";
import { AwsResponseError, awsErrorCode } from "./errors";

/**
 * A customer's own AWS steps, performed as the customer's account. Only the sandbox cloud can do
 * this (customerEc2 refuses otherwise): it powers the "simulate your side" panel and the tests.
 */

/** Whether the customer's account can discover the service (i.e. it is allow-listed). */
export async function customerCanSeeService(accountId: string, region: string, serviceName: string): Promise<boolean> {
  try {
    const out = await customerEc2(accountId, region).send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    return (out.ServiceDetails ?? []).some((d) => d.ServiceName === serviceName);
  } catch (error) {
    // AWS answers an invisible service name with InvalidServiceName rather than an empty list.
    if (awsErrorCode(error) === "InvalidServiceName") return false;
    throw error;
  }
}

export interface CreatedEndpoint {
  vpcEndpointId: string;
  state: string;
}

/**
 * Creates an interface endpoint in the account's default VPC, in one subnet per zone the service
 * runs in (matched by zone ID, since zone names differ per account). The client token makes a
 * repeated click return the same endpoint instead of creating a second one.
 */
export async function createInterfaceEndpoint(
  accountId: string,
  region: string,
  input: { serviceName: string; zoneIds: string[]; privateDnsEnabled: boolean; clientToken: string },
): Promise<CreatedEndpoint> {
  const ec2 = customerEc2(accountId, region);
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new AwsResponseError("InvalidVpcID.NotFound", "The account has no default VPC in this region.");
  const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
  const subnetByZone = new Map<string, string>();
  for (const subnet of subnets.Subnets ?? []) {
    if (subnet.AvailabilityZoneId && subnet.SubnetId && !subnetByZone.has(subnet.AvailabilityZoneId)) {
      subnetByZone.set(subnet.AvailabilityZoneId, subnet.SubnetId);
    }
  }
  const subnetIds = input.zoneIds.map((zoneId) => subnetByZone.get(zoneId)).filter((id): id is string => Boolean(id));
  if (subnetIds.length === 0) {
    throw new AwsResponseError("InvalidParameterValue", "The default VPC has no subnet in a zone the service runs in.");
  }
  const out = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      VpcId: vpcId,
      ServiceName: input.serviceName,
      SubnetIds: subnetIds,
      PrivateDnsEnabled: input.privateDnsEnabled,
      ClientToken: input.clientToken,
    }),
  );
  const endpoint = out.VpcEndpoint;
  if (!endpoint?.VpcEndpointId) throw new AwsResponseError("InternalError", "CreateVpcEndpoint returned no endpoint.");
  return { vpcEndpointId: endpoint.VpcEndpointId, state: endpoint.State ?? "pendingAcceptance" };
}

/** The account's interface endpoints to a service that are not deleted yet. */
export async function listCustomerEndpointIds(accountId: string, region: string, serviceName: string): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await customerEc2(accountId, region).send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: "service-name", Values: [serviceName] }], MaxResults: 1000, NextToken: nextToken }),
    );
    for (const endpoint of out.VpcEndpoints ?? []) {
      const state = (endpoint.State ?? "").toLowerCase();
      if (endpoint.VpcEndpointId && state !== "deleted" && state !== "deleting") ids.push(endpoint.VpcEndpointId);
    }
    nextToken = out.NextToken || undefined;
  } while (nextToken);
  return ids;
}

export async function deleteCustomerEndpoints(accountId: string, region: string, vpcEndpointIds: string[]): Promise<void> {
  if (vpcEndpointIds.length === 0) return;
  await customerEc2(accountId, region).send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: vpcEndpointIds }));
}
