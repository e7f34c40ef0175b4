import { newResourceId } from "@/lib/sandbox/ids";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { rememberClientToken, replayedResource } from "@/lib/sandbox/services/ec2/client-tokens";
import {
  endpointState,
  isListedEndpoint,
  reject,
  startProvisioning,
  type EndpointState,
} from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { endpointDnsEntries, serviceConfigurationXml } from "@/lib/sandbox/services/ec2/endpoint-views";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications } from "@/lib/sandbox/services/ec2/tags";
import type { EndpointRecord, EndpointServiceRecord } from "@/lib/sandbox/state/schema";

function serviceNotFound(id: string): SandboxError {
  return new SandboxError("InvalidVpcEndpointServiceId.NotFound", `The VpcEndpointService Id '${id}' does not exist`);
}

function ownService(context: ActionContext, id: string): EndpointServiceRecord {
  const service = context.regionState.endpointServices[id];
  if (!service || service.ownerId !== context.accountId || context.hiddenSinceCreate(service.createdAt)) {
    throw serviceNotFound(id);
  }
  return service;
}

function ownServices(context: ActionContext): EndpointServiceRecord[] {
  return Object.values(context.regionState.endpointServices).filter(
    (service) => service.ownerId === context.accountId && !context.hiddenSinceCreate(service.createdAt),
  );
}

/** `*`, or an IAM ARN of an account root, user or role. */
function principalType(principal: string): string | null {
  if (principal === "*") return "All";
  const match = /^arn:aws:iam::\d{12}:(root|user\/.+|role\/.+)$/.exec(principal);
  if (!match) return null;
  if (match[1] === "root") return "Account";
  return match[1].startsWith("user/") ? "User" : "Role";
}

function connectionsOf(context: ActionContext, serviceIds: ReadonlySet<string>): EndpointRecord[] {
  return Object.values(context.regionState.endpoints)
    .filter((endpoint) => serviceIds.has(endpoint.serviceId) && isListedEndpoint(endpoint, context.now))
    .filter((endpoint) => !context.hiddenSinceCreate(endpoint.createdAt))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function connectionField(context: ActionContext) {
  return (endpoint: EndpointRecord, name: string): string[] | undefined => {
    switch (name) {
      case "service-id":
        return [endpoint.serviceId];
      case "vpc-endpoint-owner":
        return [endpoint.ownerId];
      case "vpc-endpoint-state":
        return [endpointState(endpoint, context.now)];
      case "vpc-endpoint-id":
        return [endpoint.id];
      case "ip-address-type":
        return ["ipv4"];
      case "vpc-endpoint-region":
        return [context.region];
      default:
        return undefined;
    }
  };
}

function serviceField(service: EndpointServiceRecord, name: string): string[] | undefined {
  switch (name) {
    case "service-name":
      return [service.serviceName];
    case "service-id":
      return [service.id];
    case "service-state":
      return ["Available"];
    case "supported-ip-address-types":
      return ["ipv4"];
    default:
      return undefined;
  }
}

/**
 * Accept and reject answer per endpoint: unknown ids and endpoints in the wrong state come back in
 * `Unsuccessful` while the rest of the batch is applied, as AWS does.
 */
function decideConnections(
  context: ActionContext,
  allowedFrom: ReadonlyArray<EndpointState>,
  apply: (endpoint: EndpointRecord) => void,
  verb: string,
) {
  const service = ownService(context, context.params.requiredString("ServiceId"));
  const ids = context.params.list("VpcEndpointId");
  if (ids.length === 0) throw missingParameter("VpcEndpointId");
  const unsuccessful = [];
  for (const id of ids) {
    const endpoint = context.regionState.endpoints[id];
    if (!endpoint || endpoint.serviceId !== service.id || !isListedEndpoint(endpoint, context.now)) {
      unsuccessful.push({
        error: { code: "InvalidVpcEndpointId.NotFound", message: `The Vpc Endpoint Id '${id}' does not exist` },
        resourceId: id,
      });
      continue;
    }
    const state = endpointState(endpoint, context.now);
    if (!allowedFrom.includes(state)) {
      unsuccessful.push({
        error: {
          code: "InvalidVpcEndpointState",
          message: `Endpoint ${id} is in state ${state} and cannot be ${verb}.`,
        },
        resourceId: id,
      });
      continue;
    }
    apply(endpoint);
  }
  return { unsuccessful };
}

export const endpointServiceActions: Record<string, ActionSpec> = {
  DescribeVpcEndpointServiceConfigurations: {
    mutates: false,
    run(context) {
      const ids = context.params.list("ServiceId");
      const services = ids.length > 0 ? ids.map((id) => ownService(context, id)) : ownServices(context);
      const filtered = applyFilters(services, readFilters(context.params), serviceField, (service) => service.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { serviceConfigurationSet: page.map((service) => serviceConfigurationXml(context, service)), nextToken };
    },
  },
  CreateVpcEndpointServiceConfiguration: {
    mutates: true,
    run(context) {
      const replayed = replayedResource(context);
      if (replayed) {
        context.recordCreated(replayed);
        return {
          serviceConfiguration: serviceConfigurationXml(context, ownService(context, replayed)),
          clientToken: context.params.string("ClientToken"),
        };
      }
      if (context.params.list("GatewayLoadBalancerArn").length > 0) {
        throw new SandboxError("InvalidParameter", "Gateway Load Balancer endpoint services are not supported by this cloud.");
      }
      const arns = context.params.list("NetworkLoadBalancerArn");
      if (arns.length === 0) throw missingParameter("NetworkLoadBalancerArn");
      const zoneIds = new Set<string>();
      for (const arn of arns) {
        const balancer = context.regionState.loadBalancers[arn];
        if (!balancer || balancer.ownerId !== context.accountId) {
          throw invalidParameterValue(`Network Load Balancer '${arn}' does not exist.`);
        }
        const taken = Object.values(context.regionState.endpointServices).some((service) =>
          service.networkLoadBalancerArns.includes(arn),
        );
        if (taken) throw new SandboxError("InvalidParameter", `Network Load Balancer '${arn}' is already associated with another service.`);
        for (const zoneId of balancer.zoneIds) zoneIds.add(zoneId);
      }
      const privateDnsName = context.params.string("PrivateDnsName");
      const tags = readTagSpecifications(context.params, "vpc-endpoint-service");
      const id = newResourceId(context.prng, "vpce-svc");
      const service: EndpointServiceRecord = {
        id,
        ownerId: context.accountId,
        serviceName: `com.amazonaws.vpce.${context.region}.${id}`,
        acceptanceRequired: context.params.boolean("AcceptanceRequired") ?? true,
        networkLoadBalancerArns: arns,
        zoneIds: [...zoneIds].sort(),
        privateDnsName,
        privateDnsVerification: privateDnsName
          ? {
              state: "pendingVerification",
              type: "TXT",
              name: `_${context.prng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 20)}`,
              value: `vpce:${context.prng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 20)}`,
            }
          : undefined,
        allowedPrincipals: [],
        createdAt: context.now,
        tags,
      };
      context.regionState.endpointServices[id] = service;
      rememberClientToken(context, id);
      context.recordCreated(id);
      return {
        serviceConfiguration: { ...serviceConfigurationXml(context, service), serviceState: "Pending" },
        clientToken: context.params.string("ClientToken"),
      };
    },
  },
  DeleteVpcEndpointServiceConfigurations: {
    mutates: true,
    run(context) {
      const ids = context.params.list("ServiceId");
      if (ids.length === 0) throw missingParameter("ServiceId");
      const unsuccessful = [];
      for (const id of ids) {
        const service = context.regionState.endpointServices[id];
        if (!service || service.ownerId !== context.accountId) {
          unsuccessful.push({ error: { code: "InvalidVpcEndpointServiceId.NotFound", message: serviceNotFound(id).message }, resourceId: id });
          continue;
        }
        const active = connectionsOf(context, new Set([id])).some((endpoint) =>
          ["pendingAcceptance", "pending", "available"].includes(endpointState(endpoint, context.now)),
        );
        if (active) {
          unsuccessful.push({
            error: { code: "ExistingVpcEndpointConnections", message: `Service ${id} has existing active VPC Endpoint connections!` },
            resourceId: id,
          });
          continue;
        }
        delete context.regionState.endpointServices[id];
      }
      return { unsuccessful };
    },
  },
  DescribeVpcEndpointServicePermissions: {
    mutates: false,
    run(context) {
      const service = ownService(context, context.params.requiredString("ServiceId"));
      const rows = service.allowedPrincipals.map((entry) => ({ ...entry, type: principalType(entry.principal) ?? "Account" }));
      const field = (row: (typeof rows)[number], name: string): string[] | undefined => {
        if (name === "principal") return [row.principal];
        if (name === "principal-type") return [row.type];
        return undefined;
      };
      const filtered = applyFilters(rows, readFilters(context.params), field, () => ({}));
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return {
        allowedPrincipals: page.map((row) => ({
          principalType: row.type,
          principal: row.principal,
          servicePermissionId: row.permissionId,
          serviceId: service.id,
          tagSet: [],
        })),
        nextToken,
      };
    },
  },
  ModifyVpcEndpointServicePermissions: {
    mutates: true,
    run(context) {
      const service = ownService(context, context.params.requiredString("ServiceId"));
      const add = context.params.list("AddAllowedPrincipals");
      const remove = context.params.list("RemoveAllowedPrincipals");
      for (const principal of [...add, ...remove]) {
        if (!principalType(principal)) throw new SandboxError("InvalidPrincipal", `Invalid principal: '${principal}'`);
      }
      const added = [];
      for (const principal of add) {
        let entry = service.allowedPrincipals.find((existing) => existing.principal === principal);
        if (!entry) {
          entry = { principal, permissionId: newResourceId(context.prng, "vpce-svc-perm") };
          service.allowedPrincipals.push(entry);
        }
        added.push({
          principalType: principalType(principal),
          principal,
          servicePermissionId: entry.permissionId,
          serviceId: service.id,
        });
      }
      service.allowedPrincipals = service.allowedPrincipals.filter((entry) => !remove.includes(entry.principal));
      return { addedPrincipalSet: added, return: true };
    },
  },
  DescribeVpcEndpointConnections: {
    mutates: false,
    run(context) {
      const connections = connectionsOf(context, new Set(ownServices(context).map((service) => service.id)));
      const filtered = applyFilters(connections, readFilters(context.params), connectionField(context), (e) => e.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return {
        vpcEndpointConnectionSet: page.map((endpoint) => ({
          serviceId: endpoint.serviceId,
          vpcEndpointId: endpoint.id,
          vpcEndpointOwner: endpoint.ownerId,
          vpcEndpointState: endpointState(endpoint, context.now),
          creationTimestamp: new Date(endpoint.createdAt),
          dnsEntrySet: endpointDnsEntries(context, endpoint),
          networkLoadBalancerArnSet: context.regionState.endpointServices[endpoint.serviceId]?.networkLoadBalancerArns ?? [],
          gatewayLoadBalancerArnSet: [],
          ipAddressType: "ipv4",
          vpcEndpointConnectionId: endpoint.connectionId,
          tagSet: [],
          vpcEndpointRegion: context.region,
        })),
        nextToken,
      };
    },
  },
  AcceptVpcEndpointConnections: {
    mutates: true,
    run(context) {
      return decideConnections(context, ["pendingAcceptance"], (endpoint) => startProvisioning(context, endpoint), "accepted");
    },
  },
  RejectVpcEndpointConnections: {
    mutates: true,
    run(context) {
      return decideConnections(context, ["pendingAcceptance", "pending", "available"], reject, "rejected");
    },
  },
};
