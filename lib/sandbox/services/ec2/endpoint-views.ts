import { zoneNameFor } from "@/lib/sandbox/accounts/zones";
import type { ActionContext } from "@/lib/sandbox/services/service";
import { endpointState } from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { EndpointRecord, EndpointServiceRecord } from "@/lib/sandbox/state/schema";

/** Hosted zone of `*.vpce.amazonaws.com` per region (us-east-1's is the documented one). */
const VPCE_HOSTED_ZONES: Readonly<Record<string, string>> = {
  "us-east-1": "Z7HUB22UULQXV",
  "us-east-2": "ZC8PG0KIFKBRI",
  "us-west-2": "Z1YSA3EXCYUU9Z",
  "eu-west-1": "Z38GZ743OKFT7T",
  "eu-central-1": "Z273ZU8SZ5RJPC",
  "ap-southeast-2": "Z2KVTB3ZLFM7JR",
};

export function vpceHostedZone(region: string): string {
  return VPCE_HOSTED_ZONES[region] ?? "Z1SANDBOXVPCE00";
}

export function baseEndpointDnsName(service: EndpointServiceRecord, region: string): string {
  return `${service.id}.${region}.vpce.amazonaws.com`;
}

export function principalAllows(service: EndpointServiceRecord, accountId: string): boolean {
  if (service.ownerId === accountId) return true;
  return service.allowedPrincipals.some(
    (entry) => entry.principal === "*" || entry.principal === `arn:aws:iam::${accountId}:root`,
  );
}

/** Zone names as the given account sees them, for zone ids shared across accounts. */
export function zoneNamesFor(accountId: string, region: string, zoneIds: readonly string[]): string[] {
  return zoneIds
    .map((zoneId) => zoneNameFor(accountId, region, zoneId))
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * DNS entries in AWS's format: one regional name, one per zone (named with the consumer's zone
 * name), and the service's private DNS name once the endpoint is available with private DNS on.
 */
export function endpointDnsEntries(context: ActionContext, endpoint: EndpointRecord) {
  const service = context.regionState.endpointServices[endpoint.serviceId];
  const region = context.region;
  const zone = vpceHostedZone(region);
  const suffix = `${endpoint.serviceId}.${region}.vpce.amazonaws.com`;
  const label = `${endpoint.id}-${endpoint.dnsSuffix}`;
  const zoneIds = endpoint.subnetIds
    .map((subnetId) => context.regionState.subnets[subnetId]?.zoneId)
    .filter((zoneId): zoneId is string => zoneId !== undefined);
  const entries = [
    { dnsName: `${label}.${suffix}`, hostedZoneId: zone },
    ...zoneNamesFor(endpoint.ownerId, region, zoneIds).map((zoneName) => ({
      dnsName: `${label}-${zoneName}.${suffix}`,
      hostedZoneId: zone,
    })),
  ];
  const state = endpointState(endpoint, context.now);
  if (endpoint.privateDnsEnabled && service?.privateDnsName && state === "available") {
    entries.push({ dnsName: service.privateDnsName, hostedZoneId: endpoint.privateHostedZoneId });
  }
  return entries;
}

const DEFAULT_POLICY = JSON.stringify({
  Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }],
});

export function endpointXml(context: ActionContext, endpoint: EndpointRecord) {
  const groups = endpoint.securityGroupIds.map((groupId) => ({
    groupId,
    groupName: context.regionState.securityGroups[groupId]?.name ?? groupId,
  }));
  return {
    vpcEndpointId: endpoint.id,
    vpcEndpointType: "Interface",
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    state: endpointState(endpoint, context.now),
    policyDocument: DEFAULT_POLICY,
    routeTableIdSet: [],
    subnetIdSet: endpoint.subnetIds,
    groupSet: groups,
    ipAddressType: "ipv4",
    dnsOptions: { dnsRecordIpType: "ipv4" },
    privateDnsEnabled: endpoint.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: endpoint.networkInterfaceIds,
    dnsEntrySet: endpointDnsEntries(context, endpoint),
    creationTimestamp: new Date(endpoint.createdAt),
    tagSet: tagSet(endpoint.tags),
    ownerId: endpoint.ownerId,
  };
}

export function serviceConfigurationXml(context: ActionContext, service: EndpointServiceRecord) {
  return {
    serviceType: [{ serviceType: "Interface" }],
    serviceId: service.id,
    serviceName: service.serviceName,
    serviceState: "Available",
    availabilityZoneIdSet: [...service.zoneIds].sort(),
    availabilityZoneSet: zoneNamesFor(service.ownerId, context.region, service.zoneIds),
    acceptanceRequired: service.acceptanceRequired,
    managesVpcEndpoints: false,
    networkLoadBalancerArnSet: service.networkLoadBalancerArns,
    supportedIpAddressTypeSet: ["ipv4"],
    baseEndpointDnsNameSet: [baseEndpointDnsName(service, context.region)],
    privateDnsName: service.privateDnsName,
    privateDnsNameConfiguration: service.privateDnsVerification,
    payerResponsibility: "ServiceOwner",
    tagSet: tagSet(service.tags),
    supportedRegionSet: [{ region: context.region, serviceState: "Available" }],
    remoteAccessEnabled: false,
  };
}

export function serviceDetailXml(context: ActionContext, service: EndpointServiceRecord) {
  return {
    serviceName: service.serviceName,
    serviceId: service.id,
    serviceType: [{ serviceType: "Interface" }],
    serviceRegion: context.region,
    availabilityZoneIdSet: [...service.zoneIds].sort(),
    availabilityZoneSet: zoneNamesFor(context.accountId, context.region, service.zoneIds),
    owner: service.ownerId,
    baseEndpointDnsNameSet: [baseEndpointDnsName(service, context.region)],
    privateDnsName: service.privateDnsName,
    privateDnsNameSet: service.privateDnsName ? [{ privateDnsName: service.privateDnsName }] : [],
    vpcEndpointPolicySupported: false,
    acceptanceRequired: service.acceptanceRequired,
    managesVpcEndpoints: false,
    payerResponsibility: "ServiceOwner",
    tagSet: service.ownerId === context.accountId ? tagSet(service.tags) : [],
    privateDnsNameVerificationState: service.privateDnsVerification?.state,
    supportedIpAddressTypeSet: ["ipv4"],
  };
}
