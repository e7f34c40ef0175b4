import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec, BaseContext } from "@/lib/sandbox/services/service";
import { rememberClientToken, replayedResource } from "@/lib/sandbox/services/ec2/client-tokens";
import { findEndpoint } from "@/lib/sandbox/services/ec2/client-vpn-endpoint-actions";
import {
  endpointStatus,
  listedAssociations,
  liveAssociations,
  liveRoutes,
  liveRules,
  requireMutationSlot,
} from "@/lib/sandbox/services/ec2/client-vpn-records";
import { overlaps, parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { findSubnet, findVpc } from "@/lib/sandbox/services/ec2/lookups";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import type {
  ClientVpnAssociationRecord,
  ClientVpnAuthorizationRuleRecord,
  ClientVpnEndpointRecord,
  ClientVpnRouteRecord,
} from "@/lib/sandbox/state/schema";

/** Quotas (AWS-FACTS.md): 200 authorization rules per endpoint, 100 routes per association. */
const RULE_QUOTA = 200;
const ROUTES_PER_ASSOCIATION = 100;
const NO_TAGS = () => ({});

function requireNotDeleting(context: BaseContext, endpoint: ClientVpnEndpointRecord): void {
  const status = endpointStatus(context, endpoint);
  if (status === "deleting") throw new SandboxError("IncorrectState", `The Client VPN endpoint ${endpoint.id} is being deleted.`);
}

function readCidr(context: ActionContext, name: string): string {
  const text = context.params.requiredString(name);
  if (!parseCidr(text)) throw invalidParameterValue(`Value (${text}) for parameter ${name} is invalid. This is not a valid CIDR block.`);
  return text;
}

function findAssociationById(context: ActionContext, endpoint: ClientVpnEndpointRecord, id: string): ClientVpnAssociationRecord {
  const association = liveAssociations(context, endpoint).find((candidate) => candidate.id === id);
  if (!association) {
    throw new SandboxError("InvalidClientVpnAssociationId.NotFound", `The association ID '${id}' does not exist for ${endpoint.id}`);
  }
  return association;
}

function associate(context: ActionContext, endpoint: ClientVpnEndpointRecord): ClientVpnAssociationRecord {
  requireNotDeleting(context, endpoint);
  const subnet = findSubnet(context, context.params.requiredString("SubnetId"));
  const vpcId = endpoint.vpcId ?? subnet.vpcId;
  if (subnet.vpcId !== vpcId) {
    throw invalidParameterValue(`Subnet ${subnet.id} is not in ${vpcId}, the VPC of ${endpoint.id}: modify the endpoint's VPC first.`);
  }
  const live = liveAssociations(context, endpoint);
  if (live.some((association) => association.subnetId === subnet.id)) {
    throw new SandboxError("InvalidClientVpnDuplicateAssociationException", `Subnet ${subnet.id} is already associated with ${endpoint.id}.`);
  }
  const sameZone = live.find((association) => context.regionState.subnets[association.subnetId]?.zoneId === subnet.zoneId);
  if (sameZone) {
    throw new SandboxError(
      "InvalidClientVpnSubnetId.DuplicateAz",
      `Subnet ${sameZone.subnetId} of ${endpoint.id} is already in this Availability Zone: associate one subnet per zone.`,
    );
  }
  const vpc = findVpc(context, vpcId);
  const clientCidr = parseCidr(endpoint.clientCidrBlock);
  const vpcCidr = parseCidr(vpc.cidrBlock);
  if (clientCidr && vpcCidr && overlaps(clientCidr, vpcCidr)) {
    throw new SandboxError("InvalidClientVpnSubnetId.OverlappingCidr", `The client CIDR ${endpoint.clientCidrBlock} overlaps ${vpc.cidrBlock} of ${vpcId}.`);
  }
  requireMutationSlot(context, endpoint);
  const duration = context.timing.clientVpnAssociationMs(context.prng);
  const lifecycle = moving("associating", "associated", context.now, duration);
  const association: ClientVpnAssociationRecord = {
    id: `cvpn-assoc-0${context.prng.hex(16)}`,
    subnetId: subnet.id,
    vpcId,
    lifecycle,
    createdAt: context.now,
  };
  endpoint.associations.push(association);
  if (endpoint.vpcId === undefined) endpoint.vpcId = vpcId;
  if (endpoint.securityGroupIds.length === 0) {
    // Without security groups of its own, the endpoint takes the VPC's default group (API reference).
    const fallback = Object.values(context.regionState.securityGroups).find((group) => group.vpcId === vpcId && group.name === "default");
    if (fallback) endpoint.securityGroupIds = [fallback.id];
  }
  // Associating adds the route to the VPC's CIDR through the subnet ("Default Route").
  endpoint.routes.push({
    destinationCidr: vpc.cidrBlock,
    targetSubnetId: subnet.id,
    origin: "associate",
    description: "Default Route",
    lifecycle: moving("creating", "active", context.now, duration),
  });
  return association;
}

function disassociate(context: ActionContext, endpoint: ClientVpnEndpointRecord, association: ClientVpnAssociationRecord): void {
  requireMutationSlot(context, endpoint);
  const duration = context.timing.clientVpnDisassociationMs(context.prng);
  association.lifecycle = moving("disassociating", "disassociated", context.now, duration);
  for (const route of liveRoutes(context, endpoint)) {
    if (route.targetSubnetId === association.subnetId) route.lifecycle = moving("deleting", "deleted", context.now, duration);
  }
  const remaining = liveAssociations(context, endpoint).filter((candidate) => candidate !== association);
  if (remaining.length === 0) {
    // With no target network left, clients lose their sessions once the last one is gone.
    for (const connection of endpoint.connections) {
      if (connection.endedAt === undefined) connection.endedAt = context.now + Math.max(duration, 0);
    }
  }
}

function associationXml(context: BaseContext, endpoint: ClientVpnEndpointRecord, association: ClientVpnAssociationRecord) {
  const state = stateAt(association.lifecycle, context.now);
  return {
    associationId: association.id,
    vpcId: association.vpcId,
    targetNetworkId: association.subnetId,
    clientVpnEndpointId: endpoint.id,
    status: { code: state },
    securityGroups: state === "disassociated" ? [] : endpoint.securityGroupIds,
  };
}

function associationField(association: ClientVpnAssociationRecord, name: string): string[] | undefined {
  switch (name) {
    case "association-id":
      return [association.id];
    case "target-network-id":
      return [association.subnetId];
    case "vpc-id":
      return [association.vpcId];
    default:
      return undefined;
  }
}

function ruleKey(rule: { destinationCidr: string; accessGroupId?: string }): string {
  return `${rule.destinationCidr}|${rule.accessGroupId ?? "*"}`;
}

function readRuleTarget(context: ActionContext, allFlag: "AuthorizeAllGroups" | "RevokeAllGroups") {
  const destinationCidr = readCidr(context, "TargetNetworkCidr");
  const accessGroupId = context.params.string("AccessGroupId");
  const all = context.params.boolean(allFlag) ?? false;
  if (accessGroupId !== undefined && all) {
    throw new SandboxError("InvalidParameterCombination", `Specify either AccessGroupId or ${allFlag}, not both.`);
  }
  if (accessGroupId === undefined && !all) throw missingParameter(`AccessGroupId or ${allFlag}`);
  return { destinationCidr, accessGroupId };
}

function authorize(context: ActionContext, endpoint: ClientVpnEndpointRecord): ClientVpnAuthorizationRuleRecord {
  requireNotDeleting(context, endpoint);
  const target = readRuleTarget(context, "AuthorizeAllGroups");
  const rules = liveRules(context, endpoint);
  if (rules.some((rule) => ruleKey(rule) === ruleKey(target))) {
    throw new SandboxError(
      "InvalidClientVpnDuplicateAuthorizationRuleError",
      `An authorization rule for ${target.destinationCidr} ${target.accessGroupId ? `and group ${target.accessGroupId} ` : ""}already exists.`,
    );
  }
  if (rules.length >= RULE_QUOTA) {
    throw new SandboxError("ClientVpnAuthorizationRuleLimitExceeded", `An endpoint can have at most ${RULE_QUOTA} authorization rules.`);
  }
  requireMutationSlot(context, endpoint);
  const rule: ClientVpnAuthorizationRuleRecord = {
    destinationCidr: target.destinationCidr,
    accessGroupId: target.accessGroupId,
    accessAll: target.accessGroupId === undefined,
    description: context.params.string("Description"),
    lifecycle: moving("authorizing", "active", context.now, context.timing.clientVpnAuthorizationRuleMs(context.prng)),
  };
  endpoint.authorizationRules = [...rules, rule];
  return rule;
}

function ruleField(rule: ClientVpnAuthorizationRuleRecord, name: string): string[] | undefined {
  switch (name) {
    case "description":
      return rule.description ? [rule.description] : [];
    case "destination-cidr":
      return [rule.destinationCidr];
    case "group-id":
      return rule.accessGroupId ? [rule.accessGroupId] : [];
    default:
      return undefined;
  }
}

function createRoute(context: ActionContext, endpoint: ClientVpnEndpointRecord): ClientVpnRouteRecord {
  requireNotDeleting(context, endpoint);
  const destinationCidr = readCidr(context, "DestinationCidrBlock");
  const subnetId = context.params.requiredString("TargetVpcSubnetId");
  const association = liveAssociations(context, endpoint).find((candidate) => candidate.subnetId === subnetId);
  if (!association) {
    throw new SandboxError("InvalidClientVpnActiveAssociationNotFound", `Subnet ${subnetId} is not associated with ${endpoint.id}.`);
  }
  const routes = liveRoutes(context, endpoint);
  if (routes.some((route) => route.destinationCidr === destinationCidr && route.targetSubnetId === subnetId)) {
    throw new SandboxError("InvalidClientVpnDuplicateRoute", `A route to ${destinationCidr} through ${subnetId} already exists.`);
  }
  if (routes.filter((route) => route.targetSubnetId === subnetId).length >= ROUTES_PER_ASSOCIATION) {
    throw new SandboxError("ClientVpnRouteLimitExceeded", `An association can have at most ${ROUTES_PER_ASSOCIATION} routes.`);
  }
  requireMutationSlot(context, endpoint);
  const route: ClientVpnRouteRecord = {
    destinationCidr,
    targetSubnetId: subnetId,
    origin: "add-route",
    description: context.params.string("Description"),
    lifecycle: moving("creating", "active", context.now, context.timing.clientVpnRouteMs(context.prng)),
  };
  endpoint.routes = [...routes, route];
  return route;
}

function routeXml(context: BaseContext, endpoint: ClientVpnEndpointRecord, route: ClientVpnRouteRecord) {
  return {
    clientVpnEndpointId: endpoint.id,
    destinationCidr: route.destinationCidr,
    targetSubnet: route.targetSubnetId,
    type: "Nat",
    origin: route.origin,
    status: { code: stateAt(route.lifecycle, context.now) },
    description: route.description,
  };
}

function routeField(route: ClientVpnRouteRecord, name: string): string[] | undefined {
  switch (name) {
    case "destination-cidr":
      return [route.destinationCidr];
    case "origin":
      return [route.origin];
    case "target-subnet":
      return [route.targetSubnetId];
    default:
      return undefined;
  }
}

export const clientVpnNetworkActions: Record<string, ActionSpec> = {
  AssociateClientVpnTargetNetwork: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const earlier = replayedResource(context);
      const association = earlier ? findAssociationById(context, endpoint, earlier) : associate(context, endpoint);
      if (!earlier) rememberClientToken(context, association.id);
      context.recordCreated(association.id);
      return { associationId: association.id, status: { code: stateAt(association.lifecycle, context.now) } };
    },
  },
  DisassociateClientVpnTargetNetwork: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const association = findAssociationById(context, endpoint, context.params.requiredString("AssociationId"));
      disassociate(context, endpoint, association);
      return { associationId: association.id, status: { code: stateAt(association.lifecycle, context.now) } };
    },
  },
  DescribeClientVpnTargetNetworks: {
    mutates: false,
    run(context) {
      const endpoint = findEndpoint(context);
      const wanted = context.params.list("AssociationIds");
      const listed = listedAssociations(context, endpoint).filter((a) => wanted.length === 0 || wanted.includes(a.id));
      const filtered = applyFilters(listed, readFilters(context.params), associationField, NO_TAGS);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { clientVpnTargetNetworks: page.map((association) => associationXml(context, endpoint, association)), nextToken };
    },
  },
  AuthorizeClientVpnIngress: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const earlier = replayedResource(context);
      const rule = earlier
        ? liveRules(context, endpoint).find((candidate) => ruleKey(candidate) === earlier)
        : authorize(context, endpoint);
      if (!rule) throw new SandboxError("InvalidClientVpnEndpointAuthorizationRuleNotFound", "The authorization rule was revoked since.");
      if (!earlier) rememberClientToken(context, ruleKey(rule));
      return { status: { code: stateAt(rule.lifecycle, context.now) } };
    },
  },
  RevokeClientVpnIngress: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const target = readRuleTarget(context, "RevokeAllGroups");
      const rule = liveRules(context, endpoint).find(
        (candidate) => ruleKey(candidate) === ruleKey(target) && stateAt(candidate.lifecycle, context.now) !== "revoking",
      );
      if (!rule) {
        throw new SandboxError(
          "InvalidClientVpnEndpointAuthorizationRuleNotFound",
          `No authorization rule for ${target.destinationCidr} exists on ${endpoint.id}.`,
        );
      }
      requireMutationSlot(context, endpoint);
      rule.lifecycle = moving("revoking", "revoked", context.now, context.timing.clientVpnAuthorizationRuleMs(context.prng));
      return { status: { code: "revoking" } };
    },
  },
  DescribeClientVpnAuthorizationRules: {
    mutates: false,
    run(context) {
      const endpoint = findEndpoint(context);
      const filtered = applyFilters(liveRules(context, endpoint), readFilters(context.params), ruleField, NO_TAGS);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return {
        authorizationRule: page.map((rule) => ({
          clientVpnEndpointId: endpoint.id,
          description: rule.description,
          groupId: rule.accessGroupId ?? "",
          accessAll: rule.accessAll,
          destinationCidr: rule.destinationCidr,
          status: { code: stateAt(rule.lifecycle, context.now) },
        })),
        nextToken,
      };
    },
  },
  CreateClientVpnRoute: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const earlier = replayedResource(context);
      const route = earlier
        ? liveRoutes(context, endpoint).find((candidate) => `${candidate.destinationCidr}|${candidate.targetSubnetId}` === earlier)
        : createRoute(context, endpoint);
      if (!route) throw new SandboxError("InvalidClientVpnRouteNotFound", "The route was deleted since.");
      if (!earlier) rememberClientToken(context, `${route.destinationCidr}|${route.targetSubnetId}`);
      return { status: { code: stateAt(route.lifecycle, context.now) } };
    },
  },
  DeleteClientVpnRoute: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      const destinationCidr = readCidr(context, "DestinationCidrBlock");
      const subnetId = context.params.string("TargetVpcSubnetId");
      const matching = liveRoutes(context, endpoint).filter(
        (route) =>
          route.destinationCidr === destinationCidr &&
          (subnetId === undefined || route.targetSubnetId === subnetId) &&
          stateAt(route.lifecycle, context.now) !== "deleting",
      );
      if (matching.length === 0) {
        throw new SandboxError("InvalidClientVpnRouteNotFound", `No route to ${destinationCidr} exists on ${endpoint.id}.`);
      }
      if (matching.some((route) => route.origin === "associate")) {
        throw invalidParameterValue(`The route to ${destinationCidr} was added by a target network association: disassociate the subnet to remove it.`);
      }
      requireMutationSlot(context, endpoint);
      for (const route of matching) {
        route.lifecycle = moving("deleting", "deleted", context.now, context.timing.clientVpnRouteMs(context.prng));
      }
      return { status: { code: "deleting" } };
    },
  },
  DescribeClientVpnRoutes: {
    mutates: false,
    run(context) {
      const endpoint = findEndpoint(context);
      const filtered = applyFilters(liveRoutes(context, endpoint), readFilters(context.params), routeField, NO_TAGS);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { routes: page.map((route) => routeXml(context, endpoint, route)), nextToken };
    },
  },
};
