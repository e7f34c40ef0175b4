import {
  DescribeCustomerGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  type EC2Client,
  type Filter,
  type ResourceType,
  type Tag,
  type TagSpecification,
} from "@aws-sdk/client-ec2";
import { isNotFound } from "@/lib/aws/errors";

/**
 * Tag-then-adopt: most EC2 creates take no idempotency token (AWS-FACTS.md), so a step tags what
 * it creates, at creation, with its run and step, and looks for a resource carrying those tags
 * before creating one. A step that crashed after AWS made the resource, or is retried, finds it
 * and adopts it instead of making a second.
 */
export function tagList(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Tags applied by the create call itself, so no resource ever exists untagged. */
export function tagSpecifications(resourceType: ResourceType, tags: Readonly<Record<string, string>>): TagSpecification[] {
  return [{ ResourceType: resourceType, Tags: tagList(tags) }];
}

export function tagFilters(tags: Readonly<Record<string, string>>): Filter[] {
  return Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
}

export type TaggedResourceKind = "vpc" | "subnet" | "security-group" | "vpn-gateway" | "customer-gateway" | "vpn-connection";

const GONE = new Set(["deleting", "deleted"]);
const live = (state: string | undefined) => state === undefined || !GONE.has(state);

/** Ids of the live resources of one kind carrying all these tags, oldest first where AWS orders them. */
export async function findByTags(ec2: EC2Client, kind: TaggedResourceKind, tags: Readonly<Record<string, string>>): Promise<string[]> {
  const Filters = tagFilters(tags);
  const ids: string[] = [];
  const push = (id: string | undefined, state?: string) => {
    if (id && live(state)) ids.push(id);
  };
  switch (kind) {
    case "vpc": {
      let NextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeVpcsCommand({ Filters, NextToken }));
        for (const vpc of page.Vpcs ?? []) push(vpc.VpcId);
        NextToken = page.NextToken;
      } while (NextToken);
      return ids;
    }
    case "subnet": {
      let NextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeSubnetsCommand({ Filters, NextToken }));
        for (const subnet of page.Subnets ?? []) push(subnet.SubnetId);
        NextToken = page.NextToken;
      } while (NextToken);
      return ids;
    }
    case "security-group": {
      let NextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeSecurityGroupsCommand({ Filters, NextToken }));
        for (const group of page.SecurityGroups ?? []) push(group.GroupId);
        NextToken = page.NextToken;
      } while (NextToken);
      return ids;
    }
    case "vpn-gateway": {
      const result = await ec2.send(new DescribeVpnGatewaysCommand({ Filters }));
      for (const gateway of result.VpnGateways ?? []) push(gateway.VpnGatewayId, gateway.State);
      return ids;
    }
    case "customer-gateway": {
      const result = await ec2.send(new DescribeCustomerGatewaysCommand({ Filters }));
      for (const gateway of result.CustomerGateways ?? []) push(gateway.CustomerGatewayId, gateway.State);
      return ids;
    }
    case "vpn-connection": {
      const result = await ec2.send(new DescribeVpnConnectionsCommand({ Filters }));
      for (const connection of result.VpnConnections ?? []) push(connection.VpnConnectionId, connection.State);
      return ids;
    }
  }
}

/** The part of a step's context that adoption needs. */
export interface ResourceLedger {
  readonly resources: Readonly<Record<string, string>>;
  recordResources(ids: Record<string, string>): Promise<void>;
}

export interface Ensured {
  id: string;
  /** recorded: known from an earlier attempt; adopted: found by its tags; created: made just now. */
  origin: "recorded" | "adopted" | "created";
}

/**
 * The resource a step owns under `key`: the one it recorded, else the one carrying its tags, else
 * a new one. The id is recorded before returning, so later attempts skip even the lookup.
 */
export async function ensureResource(
  ledger: ResourceLedger,
  key: string,
  how: { find: () => Promise<string[]>; create: () => Promise<string> },
): Promise<Ensured> {
  const recorded = ledger.resources[key];
  if (recorded) return { id: recorded, origin: "recorded" };
  const [found] = await how.find();
  if (found) {
    await ledger.recordResources({ [key]: found });
    return { id: found, origin: "adopted" };
  }
  const created = await how.create();
  await ledger.recordResources({ [key]: created });
  return { id: created, origin: "created" };
}

/**
 * What an undo must remove under `key`: the recorded id, and whatever else carries the step's tags
 * (a resource made by an attempt that crashed before recording it).
 */
export async function resourcesToRemove(ledger: ResourceLedger, key: string, find: () => Promise<string[]>): Promise<string[]> {
  const recorded = ledger.resources[key];
  const found = await find();
  return [...new Set([...(recorded ? [recorded] : []), ...found])];
}

/** Runs a delete; "already gone" (AWS's *.NotFound) counts as done. */
export async function deleteTolerantly(remove: () => Promise<unknown>): Promise<"deleted" | "already-gone"> {
  try {
    await remove();
    return "deleted";
  } catch (error) {
    if (isNotFound(error)) return "already-gone";
    throw error;
  }
}
