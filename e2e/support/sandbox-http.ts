import {
  CreateVpcEndpointCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { z } from "zod";
import { PROVIDER_ACCOUNT_ID, SANDBOX_HTTP_URL } from "./run-context";

/**
 * The test's own AWS client against the sandbox served over HTTP: it plays the customer (and, for
 * endpoints from strangers, the provider's own staff working outside Onramp).
 */
const credentialsSchema = z.object({ accessKeyId: z.string(), secretAccessKey: z.string() });

async function credentialsOf(accountId: string) {
  const response = await fetch(`${SANDBOX_HTTP_URL}/_sandbox/accounts/${accountId}/credentials`);
  if (!response.ok) throw new Error(`sandbox credentials for ${accountId}: HTTP ${response.status}`);
  return credentialsSchema.parse(await response.json());
}

export async function ec2As(accountId: string, region = "us-east-1"): Promise<EC2Client> {
  return new EC2Client({ region, endpoint: SANDBOX_HTTP_URL, credentials: await credentialsOf(accountId) });
}

export interface ProviderService {
  serviceId: string;
  serviceName: string;
  zoneIds: string[];
}

/** The provider's bootstrapped endpoint service for a product (by its `onramp:product` tag). */
export async function providerService(productSlug: string, region = "us-east-1"): Promise<ProviderService> {
  const ec2 = await ec2As(PROVIDER_ACCOUNT_ID, region);
  const out = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
  const found = (out.ServiceConfigurations ?? []).find((s) => s.Tags?.some((t) => t.Key === "onramp:product" && t.Value === productSlug));
  if (!found?.ServiceId || !found.ServiceName) throw new Error(`no sandbox endpoint service tagged onramp:product=${productSlug} in ${region}`);
  return { serviceId: found.ServiceId, serviceName: found.ServiceName, zoneIds: found.AvailabilityZones ?? [] };
}

/** What a provider engineer might do by hand in the console: let some account see the service. */
export async function allowPrincipalOutsideOnramp(service: ProviderService, accountId: string, region = "us-east-1"): Promise<void> {
  const ec2 = await ec2As(PROVIDER_ACCOUNT_ID, region);
  await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.serviceId, AddAllowedPrincipals: [`arn:aws:iam::${accountId}:root`] }));
}

/**
 * The customer's step: an interface endpoint in their default VPC, in one subnet per zone the
 * service offers. The service lists its zones in the customer's own zone names.
 */
export async function createInterfaceEndpointAs(accountId: string, serviceName: string, region = "us-east-1"): Promise<string> {
  const ec2 = await ec2As(accountId, region);
  const details = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
  const zones = new Set(details.ServiceDetails?.[0]?.AvailabilityZones ?? []);
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error(`account ${accountId} has no default VPC in ${region}`);
  const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
  const subnetByZone = new Map<string, string>();
  for (const s of subnets.Subnets ?? []) {
    if (s.AvailabilityZone && s.SubnetId && zones.has(s.AvailabilityZone)) subnetByZone.set(s.AvailabilityZone, s.SubnetId);
  }
  const out = await ec2.send(
    new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: [...subnetByZone.values()] }),
  );
  const id = out.VpcEndpoint?.VpcEndpointId;
  if (!id) throw new Error("CreateVpcEndpoint returned no endpoint id");
  return id;
}

/** The endpoint's state as its owner sees it (pendingAcceptance, available, rejected, …). */
export async function endpointStateAs(accountId: string, vpcEndpointId: string, region = "us-east-1"): Promise<string> {
  const ec2 = await ec2As(accountId, region);
  const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }));
  return out.VpcEndpoints?.[0]?.State ?? "unknown";
}
