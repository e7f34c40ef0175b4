import { zoneNameFor } from "@/lib/sandbox/accounts/zones";
import { newResourceId } from "@/lib/sandbox/ids";
import { SandboxError, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { rememberClientToken, replayedResource } from "@/lib/sandbox/services/ec2/client-tokens";
import {
  endpointState,
  isListedEndpoint,
  startDeletion,
  startProvisioning,
} from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { endpointXml, principalAllows, serviceDetailXml } from "@/lib/sandbox/services/ec2/endpoint-views";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { findSecurityGroup, findSubnet, findVpc } from "@/lib/sandbox/services/ec2/lookups";
import { defaultSecurityGroup } from "@/lib/sandbox/services/ec2/network-records";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications } from "@/lib/sandbox/services/ec2/tags";
import type { EndpointRecord, EndpointServiceRecord } from "@/lib/sandbox/state/schema";

/** AWS answers the same way for a service that does not exist and one the caller may not use. */
function serviceNameNotFound(name: string): SandboxError {
  return new SandboxError("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`);
}

function visibleServices(context: ActionContext): EndpointServiceRecord[] {
  return Object.values(context.regionState.endpointServices).filter(
    (service) => principalAllows(service, context.accountId) && !context.hiddenSinceCreate(service.createdAt),
  );
}

function endpointNotFound(id: string): SandboxError {
  return new SandboxError("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${id}' does not exist`);
}

function ownEndpoints(context: ActionContext): EndpointRecord[] {
  return Object.values(context.regionState.endpoints)
    .filter((endpoint) => endpoint.ownerId === context.accountId && isListedEndpoint(endpoint, context.now))
    .filter((endpoint) => !context.hiddenSinceCreate(endpoint.createdAt))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function endpointField(context: ActionContext) {
  return (endpoint: EndpointRecord, name: string): string[] | undefined => {
    switch (name) {
      case "vpc-endpoint-id":
        return [endpoint.id];
      case "vpc-endpoint-state":
        return [endpointState(endpoint, context.now)];
      case "vpc-endpoint-type":
        return ["Interface"];
      case "vpc-id":
        return [endpoint.vpcId];
      case "service-name":
        return [endpoint.serviceName];
      case "service-id":
        return [endpoint.serviceId];
      case "ip-address-type":
        return ["ipv4"];
      default:
        return undefined;
    }
  };
}

function serviceField(context: ActionContext) {
  return (service: EndpointServiceRecord, name: string): string[] | undefined => {
    switch (name) {
      case "service-name":
        return [service.serviceName];
      case "service-type":
        return ["Interface"];
      case "owner":
        return [service.ownerId];
      case "service-region":
        return [context.region];
      case "supported-ip-address-types":
        return ["ipv4"];
      default:
        return undefined;
    }
  };
}

/** Subnets of an interface endpoint: in its VPC, one per zone, only in zones the service runs in. */
function validateSubnets(context: ActionContext, service: EndpointServiceRecord, vpcId: string, subnetIds: readonly string[]): void {
  const zonesUsed = new Set<string>();
  for (const subnetId of subnetIds) {
    const subnet = findSubnet(context, subnetId);
    if (subnet.vpcId !== vpcId) {
      throw new SandboxError("InvalidParameter", `The subnet ${subnetId} does not belong to the vpc ${vpcId}.`);
    }
    if (zonesUsed.has(subnet.zoneId)) {
      throw new SandboxError("DuplicateSubnetsInSameZone", `Found another VPC endpoint subnet in the availability zone of ${subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`);
    }
    zonesUsed.add(subnet.zoneId);
    if (!service.zoneIds.includes(subnet.zoneId)) {
      const zoneName = zoneNameFor(context.accountId, context.region, subnet.zoneId) ?? subnet.zoneId;
      throw new SandboxError(
        "InvalidParameter",
        `The VPC endpoint service ${service.serviceName} does not support the availability zone of the subnet: ${subnetId} (${zoneName}).`,
      );
    }
  }
}

function validateGroups(context: ActionContext, vpcId: string, groupIds: readonly string[]): void {
  for (const groupId of groupIds) {
    const group = findSecurityGroup(context, groupId);
    if (group.vpcId !== vpcId) {
      throw new SandboxError("InvalidParameter", `The security group ${groupId} does not belong to the vpc ${vpcId}.`);
    }
  }
}

function validateAndCreate(context: ActionContext): EndpointRecord {
  const params = context.params;
  const type = params.string("VpcEndpointType") ?? "Gateway";
  const serviceName = params.requiredString("ServiceName");
  const vpc = findVpc(context, params.requiredString("VpcId"));
  const service = visibleServices(context).find((candidate) => candidate.serviceName === serviceName);
  if (!service) throw serviceNameNotFound(serviceName);
  if (type !== "Interface") {
    throw new SandboxError(
      "InvalidParameter",
      `The Vpc Endpoint Service '${serviceName}' does not support the VPC endpoint type '${type}'.`,
    );
  }
  const subnetIds = params.list("SubnetId");
  if (subnetIds.length === 0) throw missingParameter("SubnetId");
  validateSubnets(context, service, vpc.id, subnetIds);
  const groupIds = params.list("SecurityGroupId");
  validateGroups(context, vpc.id, groupIds);
  const requestedPrivateDns = params.boolean("PrivateDnsEnabled");
  if (requestedPrivateDns === true && !service.privateDnsName) {
    throw new SandboxError(
      "InvalidParameter",
      `Private DNS can't be enabled because the service ${serviceName} does not provide a private DNS name.`,
    );
  }
  // AWS turns private DNS on by default for interface endpoints of services that have a name.
  const privateDnsEnabled = requestedPrivateDns ?? service.privateDnsName !== undefined;
  if (privateDnsEnabled && !(vpc.enableDnsSupport && vpc.enableDnsHostnames)) {
    throw new SandboxError(
      "InvalidParameter",
      `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.id}`,
    );
  }
  const tags = readTagSpecifications(params, "vpc-endpoint");
  const defaultGroup = defaultSecurityGroup(context, vpc.id);
  const endpoint: EndpointRecord = {
    id: newResourceId(context.prng, "vpce"),
    ownerId: context.accountId,
    vpcId: vpc.id,
    serviceId: service.id,
    serviceName,
    connectionId: newResourceId(context.prng, "vpce-con"),
    subnetIds,
    networkInterfaceIds: subnetIds.map(() => newResourceId(context.prng, "eni")),
    securityGroupIds: groupIds.length > 0 ? groupIds : defaultGroup ? [defaultGroup.id] : [],
    privateDnsEnabled,
    dnsSuffix: context.prng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8),
    privateHostedZoneId: `Z${context.prng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20)}`,
    status: "pendingAcceptance",
    createdAt: context.now,
    tags,
  };
  // AcceptanceRequired governs "requests from other Amazon Web Services accounts" (EC2 API reference,
  // ServiceConfiguration.AcceptanceRequired): the service owner's own endpoints, such as the
  // provider's endpoint in a Site-to-Site landing VPC, are accepted at once.
  if (!service.acceptanceRequired || service.ownerId === context.accountId) startProvisioning(context, endpoint);
  context.regionState.endpoints[endpoint.id] = endpoint;
  return endpoint;
}

export const endpointActions: Record<string, ActionSpec> = {
  DescribeVpcEndpointServices: {
    mutates: false,
    run(context) {
      const services = visibleServices(context).sort((a, b) => (a.serviceName < b.serviceName ? -1 : 1));
      const names = context.params.list("ServiceName");
      const selected =
        names.length === 0
          ? services
          : names.map((name) => {
              const service = services.find((candidate) => candidate.serviceName === name);
              if (!service) throw serviceNameNotFound(name);
              return service;
            });
      const filtered = applyFilters(selected, readFilters(context.params), serviceField(context), (s) =>
        s.ownerId === context.accountId ? s.tags : {},
      );
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return {
        serviceNameSet: page.map((service) => service.serviceName),
        serviceDetailSet: page.map((service) => serviceDetailXml(context, service)),
        nextToken,
      };
    },
  },
  CreateVpcEndpoint: {
    mutates: true,
    run(context) {
      const replayed = replayedResource(context);
      const endpoint = replayed ? context.regionState.endpoints[replayed] : validateAndCreate(context);
      if (!endpoint) throw endpointNotFound(replayed ?? "");
      if (!replayed) rememberClientToken(context, endpoint.id);
      context.recordCreated(endpoint.id);
      return { vpcEndpoint: endpointXml(context, endpoint), clientToken: context.params.string("ClientToken") };
    },
  },
  DescribeVpcEndpoints: {
    mutates: false,
    run(context) {
      const all = ownEndpoints(context);
      const ids = context.params.list("VpcEndpointId");
      const selected =
        ids.length === 0
          ? all
          : ids.map((id) => {
              const endpoint = all.find((candidate) => candidate.id === id);
              if (!endpoint) throw endpointNotFound(id);
              return endpoint;
            });
      const filtered = applyFilters(selected, readFilters(context.params), endpointField(context), (e) => e.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { vpcEndpointSet: page.map((endpoint) => endpointXml(context, endpoint)), nextToken };
    },
  },
  ModifyVpcEndpoint: {
    mutates: true,
    run(context) {
      const params = context.params;
      const id = params.requiredString("VpcEndpointId");
      const endpoint = ownEndpoints(context).find((candidate) => candidate.id === id);
      const state = endpoint ? endpointState(endpoint, context.now) : "deleted";
      if (!endpoint || state === "deleting" || state === "deleted") throw endpointNotFound(id);
      const service = context.regionState.endpointServices[endpoint.serviceId];
      if (!service) throw serviceNameNotFound(endpoint.serviceName);
      const removeSubnets = params.list("RemoveSubnetId");
      const subnetIds = [
        ...endpoint.subnetIds.filter((subnetId) => !removeSubnets.includes(subnetId)),
        ...params.list("AddSubnetId").filter((subnetId) => !endpoint.subnetIds.includes(subnetId)),
      ];
      if (subnetIds.length === 0) {
        throw new SandboxError("InvalidParameter", "An interface endpoint needs at least one subnet.");
      }
      validateSubnets(context, service, endpoint.vpcId, subnetIds);
      const removeGroups = params.list("RemoveSecurityGroupId");
      const addGroups = params.list("AddSecurityGroupId");
      validateGroups(context, endpoint.vpcId, addGroups);
      const groupIds = [
        ...endpoint.securityGroupIds.filter((groupId) => !removeGroups.includes(groupId)),
        ...addGroups.filter((groupId) => !endpoint.securityGroupIds.includes(groupId)),
      ];
      if (groupIds.length === 0) {
        throw new SandboxError("InvalidParameter", "An interface endpoint needs at least one security group.");
      }
      const privateDns = params.boolean("PrivateDnsEnabled");
      if (privateDns === true) {
        const vpc = findVpc(context, endpoint.vpcId);
        if (!service.privateDnsName) {
          throw new SandboxError("InvalidParameter", `Private DNS can't be enabled because the service ${service.serviceName} does not provide a private DNS name.`);
        }
        if (!(vpc.enableDnsSupport && vpc.enableDnsHostnames)) {
          throw new SandboxError("InvalidParameter", `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.id}`);
        }
      }
      const interfaces = new Map(endpoint.subnetIds.map((subnetId, i) => [subnetId, endpoint.networkInterfaceIds[i]]));
      endpoint.networkInterfaceIds = subnetIds.map((subnetId) => interfaces.get(subnetId) ?? newResourceId(context.prng, "eni"));
      endpoint.subnetIds = subnetIds;
      endpoint.securityGroupIds = groupIds;
      if (privateDns !== undefined) endpoint.privateDnsEnabled = privateDns;
      return { return: true };
    },
  },
  DeleteVpcEndpoints: {
    mutates: true,
    run(context) {
      const ids = context.params.list("VpcEndpointId");
      if (ids.length === 0) throw missingParameter("VpcEndpointId");
      const unsuccessful = [];
      for (const id of ids) {
        const endpoint = context.regionState.endpoints[id];
        if (!endpoint || endpoint.ownerId !== context.accountId || !isListedEndpoint(endpoint, context.now)) {
          unsuccessful.push({ error: { code: "InvalidVpcEndpointId.NotFound", message: endpointNotFound(id).message }, resourceId: id });
          continue;
        }
        const state = endpointState(endpoint, context.now);
        if (state !== "deleting" && state !== "deleted") startDeletion(context, endpoint);
      }
      return { unsuccessful };
    },
  },
};
