import { newResourceId } from "@/lib/sandbox/ids";
import { SandboxError, invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { parseCidr } from "@/lib/sandbox/services/ec2/cidr";
import { isLiveEndpoint } from "@/lib/sandbox/services/ec2/endpoint-lifecycle";
import { applyFilters, readFilters } from "@/lib/sandbox/services/ec2/filters";
import { findSecurityGroup, findVpc, ownRecords, selectByIds } from "@/lib/sandbox/services/ec2/lookups";
import { ALL_TRAFFIC_EGRESS } from "@/lib/sandbox/services/ec2/network-records";
import { paginate } from "@/lib/sandbox/services/ec2/pagination";
import { readTagSpecifications, tagSet } from "@/lib/sandbox/services/ec2/tags";
import type { IpRule, SecurityGroupRecord } from "@/lib/sandbox/state/schema";

function permissionsXml(rules: readonly IpRule[]) {
  return rules.map((rule) => ({
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    groups: [],
    ipRanges: [{ cidrIp: rule.cidrIp, description: rule.description }],
    ipv6Ranges: [],
    prefixListIds: [],
  }));
}

function groupXml(context: ActionContext, group: SecurityGroupRecord) {
  return {
    ownerId: group.ownerId,
    groupId: group.id,
    groupName: group.name,
    groupDescription: group.description,
    vpcId: group.vpcId,
    securityGroupArn: `arn:aws:ec2:${context.region}:${group.ownerId}:security-group/${group.id}`,
    ipPermissions: permissionsXml(group.ingress),
    ipPermissionsEgress: permissionsXml(group.egress),
    tagSet: tagSet(group.tags),
  };
}

function groupField(group: SecurityGroupRecord, name: string): string[] | undefined {
  switch (name) {
    case "group-id":
      return [group.id];
    case "group-name":
      return [group.name];
    case "vpc-id":
      return [group.vpcId];
    case "owner-id":
      return [group.ownerId];
    case "description":
      return [group.description];
    default:
      return undefined;
  }
}

function defaultVpcId(context: ActionContext): string {
  const vpc = ownRecords(context, context.regionState.vpcs).find((candidate) => candidate.isDefault);
  if (!vpc) throw new SandboxError("VPCIdNotSpecified", "No default VPC for this user");
  return vpc.id;
}

const PROTOCOLS: Readonly<Record<string, string>> = { tcp: "tcp", "6": "tcp", udp: "udp", "17": "udp", icmp: "icmp", "1": "icmp", "-1": "-1", all: "-1" };

function readIngressRules(context: ActionContext): Array<Omit<IpRule, "ruleId">> {
  const params = context.params;
  const permissions = params.structList("IpPermissions");
  const sources =
    permissions.length > 0
      ? permissions.flatMap((permission) => {
          const ranges = permission.structList("IpRanges");
          if (ranges.length === 0) throw missingParameter("IpPermissions.N.IpRanges");
          return ranges.map((range) => ({
            protocol: permission.requiredString("IpProtocol"),
            fromPort: permission.integer("FromPort"),
            toPort: permission.integer("ToPort"),
            cidrIp: range.requiredString("CidrIp"),
            description: range.string("Description"),
          }));
        })
      : [
          {
            protocol: params.requiredString("IpProtocol"),
            fromPort: params.integer("FromPort"),
            toPort: params.integer("ToPort"),
            cidrIp: params.requiredString("CidrIp"),
            description: undefined,
          },
        ];
  return sources.map((source) => {
    const ipProtocol = PROTOCOLS[source.protocol.toLowerCase()];
    if (!ipProtocol) throw invalidParameterValue(`Invalid value '${source.protocol}' for IP protocol. Unknown protocol.`);
    if (!parseCidr(source.cidrIp)) throw invalidParameterValue(`CIDR block ${source.cidrIp} is malformed`);
    if (ipProtocol === "-1") return { ipProtocol, cidrIp: source.cidrIp, description: source.description };
    const { fromPort, toPort } = source;
    if (fromPort === undefined || toPort === undefined) throw missingParameter("FromPort/ToPort");
    if (ipProtocol !== "icmp" && (fromPort < 0 || toPort > 65535 || fromPort > toPort)) {
      throw invalidParameterValue(`Invalid port range ${fromPort}-${toPort}.`);
    }
    return { ipProtocol, fromPort, toPort, cidrIp: source.cidrIp, description: source.description };
  });
}

type Direction = "ingress" | "egress";

function sameRule(a: Omit<IpRule, "ruleId">, b: Omit<IpRule, "ruleId">): boolean {
  return a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.cidrIp === b.cidrIp;
}

function ruleXml(group: SecurityGroupRecord, rule: IpRule, direction: Direction) {
  return {
    securityGroupRuleId: rule.ruleId,
    groupId: group.id,
    groupOwnerId: group.ownerId,
    isEgress: direction === "egress",
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort ?? -1,
    toPort: rule.toPort ?? -1,
    cidrIpv4: rule.cidrIp,
    description: rule.description,
  };
}

function authorize(context: ActionContext, direction: Direction) {
  const group = findSecurityGroup(context, context.params.requiredString("GroupId"));
  const rules = readIngressRules(context);
  const existing = group[direction];
  for (const rule of rules) {
    if (existing.some((candidate) => sameRule(candidate, rule))) {
      throw new SandboxError(
        "InvalidPermission.Duplicate",
        `the specified rule "peer: ${rule.cidrIp}, ${rule.ipProtocol.toUpperCase()}, from port: ${rule.fromPort ?? "all"}, to port: ${rule.toPort ?? "all"}, ALLOW" already exists`,
      );
    }
  }
  const added = rules.map((rule) => ({ ruleId: newResourceId(context.prng, "sgr"), ...rule }));
  existing.push(...added);
  return { return: true, securityGroupRuleSet: added.map((rule) => ruleXml(group, rule, direction)) };
}

/** Rules are named by their permissions or by rule id; naming one that does not exist fails, as in a VPC. */
function revoke(context: ActionContext, direction: Direction) {
  const group = findSecurityGroup(context, context.params.requiredString("GroupId"));
  const ruleIds = context.params.list("SecurityGroupRuleId");
  const existing = group[direction];
  let removed: IpRule[];
  if (ruleIds.length > 0) {
    removed = ruleIds.map((ruleId) => {
      const rule = existing.find((candidate) => candidate.ruleId === ruleId);
      if (!rule) throw new SandboxError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${ruleId}' does not exist`);
      return rule;
    });
  } else {
    removed = readIngressRules(context).map((wanted) => {
      const rule = existing.find((candidate) => sameRule(candidate, wanted));
      if (!rule) {
        throw new SandboxError(
          "InvalidPermission.NotFound",
          "The specified rule does not exist in this security group.",
        );
      }
      return rule;
    });
  }
  group[direction] = existing.filter((rule) => !removed.includes(rule));
  return { return: true, revokedSecurityGroupRuleSet: removed.map((rule) => ruleXml(group, rule, direction)) };
}

export const securityGroupActions: Record<string, ActionSpec> = {
  CreateSecurityGroup: {
    mutates: true,
    run(context) {
      const name = context.params.requiredString("GroupName");
      const description = context.params.requiredString("GroupDescription");
      if (name === "default") throw invalidParameterValue("Cannot use reserved security group name: default");
      if (name.length > 255 || description.length > 255) {
        throw invalidParameterValue("Security group names and descriptions are at most 255 characters.");
      }
      const vpcIdParam = context.params.string("VpcId");
      const vpcId = vpcIdParam ? findVpc(context, vpcIdParam).id : defaultVpcId(context);
      const duplicate = Object.values(context.regionState.securityGroups).some(
        (group) => group.vpcId === vpcId && group.name === name,
      );
      if (duplicate) {
        throw new SandboxError("InvalidGroup.Duplicate", `The security group '${name}' already exists for VPC '${vpcId}'`);
      }
      const tags = readTagSpecifications(context.params, "security-group");
      const group: SecurityGroupRecord = {
        id: newResourceId(context.prng, "sg"),
        ownerId: context.accountId,
        vpcId,
        name,
        description,
        ingress: [],
        egress: [{ ruleId: newResourceId(context.prng, "sgr"), ...ALL_TRAFFIC_EGRESS }],
        createdAt: context.now,
        tags,
      };
      context.regionState.securityGroups[group.id] = group;
      context.recordCreated(group.id);
      return {
        groupId: group.id,
        tagSet: tagSet(tags),
        securityGroupArn: `arn:aws:ec2:${context.region}:${group.ownerId}:security-group/${group.id}`,
      };
    },
  },
  DescribeSecurityGroups: {
    mutates: false,
    run(context) {
      const all = ownRecords(context, context.regionState.securityGroups);
      let selected = selectByIds(all, context.params.list("GroupId"), (group) => group.id, (id) =>
        new SandboxError("InvalidGroup.NotFound", `The security group '${id}' does not exist`),
      );
      const names = context.params.list("GroupName");
      if (names.length > 0) {
        selected = selectByIds(selected, names, (group) => group.name, (name) =>
          new SandboxError("InvalidGroup.NotFound", `The security group '${name}' does not exist in default VPC`),
        );
      }
      const filtered = applyFilters(selected, readFilters(context.params), groupField, (group) => group.tags);
      const { page, nextToken } = paginate(filtered, context.params, { min: 5, max: 1000 });
      return { securityGroupInfo: page.map((group) => groupXml(context, group)), nextToken };
    },
  },
  AuthorizeSecurityGroupIngress: {
    mutates: true,
    run: (context) => authorize(context, "ingress"),
  },
  AuthorizeSecurityGroupEgress: {
    mutates: true,
    run: (context) => authorize(context, "egress"),
  },
  RevokeSecurityGroupIngress: {
    mutates: true,
    run: (context) => revoke(context, "ingress"),
  },
  RevokeSecurityGroupEgress: {
    mutates: true,
    run: (context) => revoke(context, "egress"),
  },
  DeleteSecurityGroup: {
    mutates: true,
    run(context) {
      const id = context.params.string("GroupId");
      if (!id) throw missingParameter("GroupId");
      const group = findSecurityGroup(context, id);
      if (group.name === "default") {
        throw new SandboxError("CannotDelete", `the specified group: "${group.id}" name: "default" cannot be deleted by a user`);
      }
      const inUse = Object.values(context.regionState.endpoints).some(
        (endpoint) => endpoint.securityGroupIds.includes(group.id) && isLiveEndpoint(endpoint, context.now),
      );
      if (inUse) throw new SandboxError("DependencyViolation", `resource ${group.id} has a dependent object`);
      delete context.regionState.securityGroups[group.id];
      return { return: true };
    },
  },
};
