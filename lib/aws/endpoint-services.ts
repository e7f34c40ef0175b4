import "server-only";
import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type DnsEntry,
  type UnsuccessfulItem,
} from "@aws-sdk/client-ec2";
import { DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { EndpointDnsEntry } from "@/db/schema";
import { providerEc2, providerElbv2 } from "./clients";
import { AwsResponseError } from "./errors";

/**
 * The provider's side of PrivateLink, in Onramp's own types. Everything here acts as the provider
 * account (the owner of the endpoint services).
 */

export interface ServiceConfiguration {
  serviceId: string;
  serviceName: string;
  /** Zone IDs (use1-az1), the only zone names that mean the same thing in every account. */
  zoneIds: string[];
  privateDnsName: string | null;
  acceptanceRequired: boolean;
  nlbArns: string[];
  baseEndpointDnsNames: string[];
  tags: Record<string, string>;
}

export type EndpointConnectionState =
  | "pendingAcceptance"
  | "pending"
  | "available"
  | "rejected"
  | "deleting"
  | "deleted"
  | "failed"
  | "expired"
  | "partial";

const STATES: readonly EndpointConnectionState[] = [
  "pendingAcceptance",
  "pending",
  "available",
  "rejected",
  "deleting",
  "deleted",
  "failed",
  "expired",
  "partial",
];

export interface EndpointConnection {
  vpcEndpointId: string;
  ownerAccountId: string;
  state: EndpointConnectionState;
  dnsEntries: EndpointDnsEntry[];
  createdAt: Date | null;
}

export interface ItemFailure {
  resourceId: string;
  code: string;
}

function nonEmpty(value: string | undefined | null): value is string {
  return typeof value === "string" && value.length > 0;
}

/** AWS documents these in camelCase but the SDK's enum spells them capitalised; accept both. */
function stateOf(raw: string | undefined): EndpointConnectionState {
  const lower = (raw ?? "").toLowerCase();
  return STATES.find((s) => s.toLowerCase() === lower) ?? "failed";
}

function dnsEntriesOf(entries: DnsEntry[] | undefined): EndpointDnsEntry[] {
  return (entries ?? []).filter((e) => nonEmpty(e.DnsName)).map((e) => ({ dnsName: e.DnsName ?? "", hostedZoneId: e.HostedZoneId ?? null }));
}

async function zoneIdsByName(region: string): Promise<Map<string, string>> {
  const out = await providerEc2(region).send(new DescribeAvailabilityZonesCommand({ AllAvailabilityZones: false }));
  const map = new Map<string, string>();
  for (const zone of out.AvailabilityZones ?? []) {
    if (nonEmpty(zone.ZoneName) && nonEmpty(zone.ZoneId)) map.set(zone.ZoneName, zone.ZoneId);
  }
  return map;
}

/** Reads an endpoint service the provider owns. Throws AWS's NotFound error for unknown ids. */
export async function describeServiceConfiguration(region: string, serviceId: string): Promise<ServiceConfiguration> {
  const out = await providerEc2(region).send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
  const config = out.ServiceConfigurations?.find((c) => c.ServiceId === serviceId);
  if (!config || !nonEmpty(config.ServiceName)) {
    throw new AwsResponseError("InvalidVpcEndpointServiceId.NotFound", "The endpoint service was not returned.");
  }
  let zoneIds = (config.AvailabilityZoneIds ?? []).filter(nonEmpty);
  if (zoneIds.length === 0) {
    // Older responses name zones only as the provider account sees them; translate to zone IDs.
    const byName = await zoneIdsByName(region);
    zoneIds = (config.AvailabilityZones ?? []).map((name) => byName.get(name)).filter(nonEmpty);
  }
  const tags: Record<string, string> = {};
  for (const tag of config.Tags ?? []) if (nonEmpty(tag.Key)) tags[tag.Key] = tag.Value ?? "";
  return {
    serviceId,
    serviceName: config.ServiceName,
    zoneIds: [...new Set(zoneIds)].sort(),
    privateDnsName: nonEmpty(config.PrivateDnsName) ? config.PrivateDnsName : null,
    acceptanceRequired: config.AcceptanceRequired === true,
    nlbArns: (config.NetworkLoadBalancerArns ?? []).filter(nonEmpty),
    baseEndpointDnsNames: (config.BaseEndpointDnsNames ?? []).filter(nonEmpty),
    tags,
  };
}

/** Every endpoint service the provider owns in a region (used to discover the sandbox's bootstrap). */
export async function listServiceConfigurations(region: string): Promise<ServiceConfiguration[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await providerEc2(region).send(new DescribeVpcEndpointServiceConfigurationsCommand({ MaxResults: 100, NextToken: nextToken }));
    for (const config of out.ServiceConfigurations ?? []) if (nonEmpty(config.ServiceId)) ids.push(config.ServiceId);
    nextToken = out.NextToken || undefined;
  } while (nextToken);
  const configs: ServiceConfiguration[] = [];
  for (const id of ids) configs.push(await describeServiceConfiguration(region, id));
  return configs;
}

/** The ports customers can reach: the listeners of the service's network load balancers. */
export async function listenerPorts(region: string, nlbArns: string[]): Promise<number[]> {
  const ports = new Set<number>();
  for (const arn of nlbArns) {
    let marker: string | undefined;
    do {
      const out = await providerElbv2(region).send(new DescribeListenersCommand({ LoadBalancerArn: arn, Marker: marker }));
      for (const listener of out.Listeners ?? []) if (typeof listener.Port === "number") ports.add(listener.Port);
      marker = out.NextMarker || undefined;
    } while (marker);
  }
  return [...ports].sort((a, b) => a - b);
}

export function principalArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

async function allowedPrincipals(region: string, serviceId: string): Promise<Set<string>> {
  const principals = new Set<string>();
  let nextToken: string | undefined;
  do {
    const out = await providerEc2(region).send(
      new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, MaxResults: 1000, NextToken: nextToken }),
    );
    for (const p of out.AllowedPrincipals ?? []) if (nonEmpty(p.Principal)) principals.add(p.Principal);
    nextToken = out.NextToken || undefined;
  } while (nextToken);
  return principals;
}

/** Lets the account's principals see and connect to the service. Idempotent. */
export async function allowPrincipal(region: string, serviceId: string, accountId: string): Promise<void> {
  const arn = principalArn(accountId);
  if ((await allowedPrincipals(region, serviceId)).has(arn)) return;
  await providerEc2(region).send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [arn] }));
}

/** Withdraws the account's permission. Idempotent; existing endpoints are not affected by AWS. */
export async function revokePrincipal(region: string, serviceId: string, accountId: string): Promise<void> {
  const arn = principalArn(accountId);
  if (!(await allowedPrincipals(region, serviceId)).has(arn)) return;
  await providerEc2(region).send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: [arn] }));
}

export async function isPrincipalAllowed(region: string, serviceId: string, accountId: string): Promise<boolean> {
  return (await allowedPrincipals(region, serviceId)).has(principalArn(accountId));
}

/**
 * Every endpoint connection of a service, page by page. A generator so callers can process
 * thousands without holding them all, and so a lease can be renewed between pages.
 */
/**
 * Interface endpoints the provider account itself has to this service (Site-to-Site landing VPCs
 * hold them). They are Onramp's own, never a tenant's, so PrivateLink reconciliation leaves them be.
 */
export async function providerOwnedEndpointIds(region: string, serviceId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextToken: string | undefined;
  do {
    const out = await providerEc2(region).send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: "service-id", Values: [serviceId] }], MaxResults: 1000, NextToken: nextToken }),
    );
    for (const endpoint of out.VpcEndpoints ?? []) if (nonEmpty(endpoint.VpcEndpointId)) ids.add(endpoint.VpcEndpointId);
    nextToken = out.NextToken || undefined;
  } while (nextToken);
  return ids;
}

export async function* listEndpointConnections(region: string, serviceId: string): AsyncGenerator<EndpointConnection[]> {
  let nextToken: string | undefined;
  do {
    const out = await providerEc2(region).send(
      new DescribeVpcEndpointConnectionsCommand({
        Filters: [{ Name: "service-id", Values: [serviceId] }],
        MaxResults: 1000,
        NextToken: nextToken,
      }),
    );
    const page: EndpointConnection[] = [];
    for (const c of out.VpcEndpointConnections ?? []) {
      if (!nonEmpty(c.VpcEndpointId) || !nonEmpty(c.VpcEndpointOwner)) continue;
      if (nonEmpty(c.ServiceId) && c.ServiceId !== serviceId) continue;
      page.push({
        vpcEndpointId: c.VpcEndpointId,
        ownerAccountId: c.VpcEndpointOwner,
        state: stateOf(c.VpcEndpointState),
        dnsEntries: dnsEntriesOf(c.DnsEntries),
        createdAt: c.CreationTimestamp ?? null,
      });
    }
    yield page;
    nextToken = out.NextToken || undefined;
  } while (nextToken);
}

function failuresOf(items: UnsuccessfulItem[] | undefined): ItemFailure[] {
  return (items ?? []).map((item) => ({ resourceId: item.ResourceId ?? "", code: item.Error?.Code ?? "Unknown" }));
}

/** Accepts endpoint connections; returns the ids AWS refused, with its error code. */
export async function acceptEndpointConnections(region: string, serviceId: string, vpcEndpointIds: string[]): Promise<ItemFailure[]> {
  if (vpcEndpointIds.length === 0) return [];
  const out = await providerEc2(region).send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: vpcEndpointIds }));
  return failuresOf(out.Unsuccessful);
}

/** Rejects endpoint connections (pending acceptance or available); returns the refused ids. */
export async function rejectEndpointConnections(region: string, serviceId: string, vpcEndpointIds: string[]): Promise<ItemFailure[]> {
  if (vpcEndpointIds.length === 0) return [];
  const out = await providerEc2(region).send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: vpcEndpointIds }));
  return failuresOf(out.Unsuccessful);
}
