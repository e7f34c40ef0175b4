import { moving, stateAt } from "@/lib/sandbox/lifecycle";
import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec, BaseContext } from "@/lib/sandbox/services/service";
import { contains, parseCidr, size } from "@/lib/sandbox/services/ec2/cidr";
import { formatIpv4, parseIpv4 } from "@/lib/sandbox/services/ec2/ipv4";
import type { ResolverEndpointRecord } from "@/lib/sandbox/state/schema";

type Context = ActionContext<JsonParams>;

/** Default quota (AWS-FACTS.md): 6 IP addresses per endpoint; endpoints per region: context.quota. */
const IPS_PER_ENDPOINT = 6;

function invalidParameter(message: string, fieldName?: string): SandboxError {
  return new SandboxError("InvalidParameterException", fieldName ? `${message} (${fieldName})` : message);
}

function invalidRequest(message: string): SandboxError {
  return new SandboxError("InvalidRequestException", message);
}

function endpointNotFound(id: string): SandboxError {
  return new SandboxError("ResourceNotFoundException", `Resolver endpoint with ID '${id}' does not exist.`);
}

/** DELETED endpoints are gone: AWS stops answering for them once deletion completes. */
function isPresent(context: BaseContext, endpoint: ResolverEndpointRecord): boolean {
  return stateAt(endpoint.lifecycle, context.now) !== "DELETED";
}

function ownEndpoints(context: BaseContext): ResolverEndpointRecord[] {
  return Object.values(context.regionState.resolverEndpoints)
    .filter((endpoint) => endpoint.ownerId === context.accountId && isPresent(context, endpoint))
    .filter((endpoint) => !context.hiddenSinceCreate(endpoint.createdAt))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function findEndpoint(context: Context): ResolverEndpointRecord {
  const id = context.params.requiredString("ResolverEndpointId");
  const endpoint = ownEndpoints(context).find((candidate) => candidate.id === id);
  if (!endpoint) throw endpointNotFound(id);
  return endpoint;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function status(context: BaseContext, endpoint: ResolverEndpointRecord): string {
  return stateAt(endpoint.lifecycle, context.now);
}

function endpointJson(context: BaseContext, endpoint: ResolverEndpointRecord) {
  const state = status(context, endpoint);
  const next = endpoint.lifecycle.next;
  const modifiedAt = next && context.now >= next.at ? next.at : endpoint.modifiedAt;
  return {
    Id: endpoint.id,
    CreatorRequestId: endpoint.creatorRequestId,
    Arn: endpoint.arn,
    Name: endpoint.name,
    SecurityGroupIds: endpoint.securityGroupIds,
    Direction: endpoint.direction,
    IpAddressCount: endpoint.ipAddresses.length,
    HostVPCId: endpoint.vpcId,
    Status: state,
    StatusMessage:
      state === "CREATING"
        ? "[Trace id: sandbox] Creating the Resolver Endpoint"
        : state === "DELETING"
          ? "[Trace id: sandbox] Deleting the Resolver Endpoint"
          : "This Resolver Endpoint is operational.",
    CreationTime: iso(endpoint.createdAt),
    ModificationTime: iso(modifiedAt),
    ResolverEndpointType: "IPV4",
    Protocols: ["Do53"],
  };
}

function ipStatus(state: string): string {
  if (state === "CREATING") return "CREATING";
  if (state === "DELETING") return "DELETING";
  return "ATTACHED";
}

/** Addresses a subnet hands out: AWS reserves the first four and the last. */
function assignableRange(cidrText: string): { first: number; last: number } {
  const cidr = parseCidr(cidrText);
  if (!cidr) throw new Error(`Stored subnet CIDR ${cidrText} is invalid.`);
  return { first: cidr.base + 4, last: cidr.base + size(cidr) - 2 };
}

function usedAddresses(context: BaseContext): Set<string> {
  return new Set(
    Object.values(context.regionState.resolverEndpoints)
      .filter((endpoint) => isPresent(context, endpoint))
      .flatMap((endpoint) => endpoint.ipAddresses.map((address) => `${address.subnetId}:${address.ip}`)),
  );
}

function readIpAddresses(context: Context, vpcId: string) {
  const requests = context.params.structList("IpAddresses");
  if (requests.length < 2) {
    throw invalidRequest("Resolver endpoints need at least two IP addresses, in two different subnets.");
  }
  if (requests.length > IPS_PER_ENDPOINT) {
    throw new SandboxError("LimitExceededException", `Account has exceeded the maximum number of IP addresses per endpoint (${IPS_PER_ENDPOINT}).`);
  }
  const used = usedAddresses(context);
  const chosen = requests.map((request) => {
    const subnetId = request.requiredString("SubnetId");
    const subnet = context.regionState.subnets[subnetId];
    if (!subnet || subnet.ownerId !== context.accountId) throw invalidParameter(`Subnet ${subnetId} does not exist.`, "SubnetId");
    if (subnet.vpcId !== vpcId) {
      throw invalidParameter(`Subnet ${subnetId} is not in the VPC ${vpcId} of the security groups.`, "SubnetId");
    }
    const { first, last } = assignableRange(subnet.cidrBlock);
    const ipText = request.string("Ip");
    let ip: string;
    if (ipText !== undefined) {
      const value = parseIpv4(ipText);
      const cidr = parseCidr(subnet.cidrBlock);
      if (value === null || !cidr || !contains(cidr, { base: value, prefix: 32 })) {
        throw invalidParameter(`IP address ${ipText} is not in subnet ${subnetId} (${subnet.cidrBlock}).`, "Ip");
      }
      if (value < first || value > last) {
        throw invalidParameter(`IP address ${ipText} is reserved in subnet ${subnetId}.`, "Ip");
      }
      if (used.has(`${subnetId}:${ipText}`)) throw new SandboxError("ResourceInUseException", `IP address ${ipText} is already in use.`);
      ip = ipText;
    } else {
      let candidate = first;
      while (candidate <= last && used.has(`${subnetId}:${formatIpv4(candidate)}`)) candidate += 1;
      if (candidate > last) throw invalidRequest(`Subnet ${subnetId} has no free IP addresses.`);
      ip = formatIpv4(candidate);
    }
    used.add(`${subnetId}:${ip}`);
    return { ipId: `rni-${context.prng.hex(17)}`, subnetId, ip };
  });
  if (new Set(chosen.map((address) => address.subnetId)).size < 2) {
    throw invalidRequest("Resolver endpoints need IP addresses in at least two subnets (in different Availability Zones, for availability).");
  }
  return chosen;
}

function readTags(params: JsonParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of params.structList("Tags")) tags[tag.requiredString("Key")] = tag.requiredString("Value");
  return tags;
}

function createEndpoint(context: Context): ResolverEndpointRecord {
  const params = context.params;
  const direction = params.requiredString("Direction");
  if (direction !== "INBOUND" && direction !== "OUTBOUND") {
    throw invalidParameter(`Direction must be INBOUND or OUTBOUND.`, "Direction");
  }
  const groupIds = params.list("SecurityGroupIds");
  if (groupIds.length === 0) throw invalidParameter("At least one security group is required.", "SecurityGroupIds");
  const groups = groupIds.map((groupId) => {
    const group = context.regionState.securityGroups[groupId];
    if (!group || group.ownerId !== context.accountId) throw invalidParameter(`Security group ${groupId} does not exist.`, "SecurityGroupIds");
    return group;
  });
  const vpcId = groups[0].vpcId;
  if (groups.some((group) => group.vpcId !== vpcId)) {
    throw invalidParameter("All security groups must belong to the same VPC.", "SecurityGroupIds");
  }
  const quota = context.quota("resolverEndpoints");
  if (ownEndpoints(context).length >= quota) {
    throw new SandboxError("LimitExceededException", `Account has exceeded the maximum number of resolver endpoints (${quota}).`);
  }
  const ipAddresses = readIpAddresses(context, vpcId);
  const id = `rslvr-${direction === "INBOUND" ? "in" : "out"}-${context.prng.hex(17)}`;
  const endpoint: ResolverEndpointRecord = {
    id,
    ownerId: context.accountId,
    arn: `arn:aws:route53resolver:${context.region}:${context.accountId}:resolver-endpoint/${id}`,
    creatorRequestId: params.requiredString("CreatorRequestId"),
    requestFingerprint: params.fingerprint(["Tags"]),
    name: params.string("Name"),
    direction,
    vpcId,
    securityGroupIds: groupIds,
    ipAddresses,
    lifecycle: moving("CREATING", "OPERATIONAL", context.now, context.timing.resolverEndpointProvisionMs(context.prng)),
    createdAt: context.now,
    modifiedAt: context.now,
    tags: readTags(params),
  };
  context.regionState.resolverEndpoints[id] = endpoint;
  return endpoint;
}

function filterValues(context: BaseContext, endpoint: ResolverEndpointRecord, name: string): string[] {
  switch (name) {
    case "CreatorRequestId":
      return [endpoint.creatorRequestId];
    case "Direction":
      return [endpoint.direction];
    case "HostVPCId":
      return [endpoint.vpcId];
    case "IpAddressCount":
      return [String(endpoint.ipAddresses.length)];
    case "Name":
      return endpoint.name ? [endpoint.name] : [];
    case "SecurityGroupIds":
      return endpoint.securityGroupIds;
    case "Status":
      return [status(context, endpoint)];
    case "ResolverEndpointType":
      return ["IPV4"];
    default:
      throw invalidParameter(`The filter '${name}' is not valid.`, "Filters");
  }
}

function page<T>(context: Context, items: readonly T[]) {
  const maxResults = context.params.integer("MaxResults") ?? 10;
  if (maxResults < 1 || maxResults > 100) throw invalidParameter("MaxResults must be between 1 and 100.", "MaxResults");
  const token = context.params.string("NextToken");
  const offset = token === undefined ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxError("InvalidNextTokenException", "The NextToken is not valid.");
  const slice = items.slice(offset, offset + maxResults);
  const next = offset + maxResults < items.length ? Buffer.from(String(offset + maxResults), "utf8").toString("base64url") : undefined;
  return { slice, next, maxResults };
}

function findByArn(context: Context): ResolverEndpointRecord {
  const arn = context.params.requiredString("ResourceArn");
  const endpoint = ownEndpoints(context).find((candidate) => candidate.arn === arn);
  if (!endpoint) throw new SandboxError("ResourceNotFoundException", `Resource with ARN '${arn}' does not exist.`);
  return endpoint;
}

export const resolverEndpointActions: Record<string, ActionSpec<JsonParams>> = {
  CreateResolverEndpoint: {
    mutates: true,
    run(context) {
      const creatorRequestId = context.params.requiredString("CreatorRequestId");
      // CreatorRequestId makes retries safe: the same request answers the endpoint it created.
      const earlier = Object.values(context.regionState.resolverEndpoints).find(
        (endpoint) => endpoint.ownerId === context.accountId && endpoint.creatorRequestId === creatorRequestId,
      );
      if (earlier) {
        if (earlier.requestFingerprint !== context.params.fingerprint(["Tags"])) {
          throw new SandboxError(
            "ResourceExistsException",
            `A resolver endpoint with CreatorRequestId '${creatorRequestId}' already exists with different parameters.`,
          );
        }
        context.recordCreated(earlier.id);
        return { ResolverEndpoint: endpointJson(context, earlier) };
      }
      const endpoint = createEndpoint(context);
      context.recordCreated(endpoint.id);
      return { ResolverEndpoint: endpointJson(context, endpoint) };
    },
  },
  GetResolverEndpoint: {
    mutates: false,
    run: (context) => ({ ResolverEndpoint: endpointJson(context, findEndpoint(context)) }),
  },
  ListResolverEndpoints: {
    mutates: false,
    run(context) {
      const filters = context.params.structList("Filters").map((filter) => ({
        name: filter.requiredString("Name"),
        values: filter.list("Values"),
      }));
      const matching = ownEndpoints(context).filter((endpoint) =>
        filters.every((filter) => filterValues(context, endpoint, filter.name).some((value) => filter.values.includes(value))),
      );
      const { slice, next, maxResults } = page(context, matching);
      return { ResolverEndpoints: slice.map((endpoint) => endpointJson(context, endpoint)), NextToken: next, MaxResults: maxResults };
    },
  },
  ListResolverEndpointIpAddresses: {
    mutates: false,
    run(context) {
      const endpoint = findEndpoint(context);
      const state = status(context, endpoint);
      const { slice, next, maxResults } = page(context, endpoint.ipAddresses);
      return {
        IpAddresses: slice.map((address) => ({
          IpId: address.ipId,
          SubnetId: address.subnetId,
          Ip: address.ip,
          Status: ipStatus(state),
          StatusMessage: state === "OPERATIONAL" ? "This IP address is operational." : "This IP address is being created or deleted.",
          CreationTime: iso(endpoint.createdAt),
          ModificationTime: iso(endpoint.modifiedAt),
        })),
        NextToken: next,
        MaxResults: maxResults,
      };
    },
  },
  DeleteResolverEndpoint: {
    mutates: true,
    run(context) {
      const endpoint = findEndpoint(context);
      if (status(context, endpoint) !== "DELETING") {
        endpoint.lifecycle = moving("DELETING", "DELETED", context.now, context.timing.resolverEndpointDeletionMs(context.prng));
        endpoint.modifiedAt = context.now;
      }
      return { ResolverEndpoint: endpointJson(context, endpoint) };
    },
  },
  TagResource: {
    mutates: true,
    run(context) {
      const endpoint = findByArn(context);
      const tags = readTags(context.params);
      if (Object.keys({ ...endpoint.tags, ...tags }).length > 200) {
        throw new SandboxError("LimitExceededException", "A resource can have at most 200 tags.");
      }
      Object.assign(endpoint.tags, tags);
      return {};
    },
  },
  UntagResource: {
    mutates: true,
    run(context) {
      const endpoint = findByArn(context);
      for (const key of context.params.list("TagKeys")) delete endpoint.tags[key];
      return {};
    },
  },
  ListTagsForResource: {
    mutates: false,
    run(context) {
      const endpoint = findByArn(context);
      const tags = Object.entries(endpoint.tags).map(([Key, Value]) => ({ Key, Value }));
      const { slice, next } = page(context, tags);
      return { Tags: slice, NextToken: next };
    },
  },
};
