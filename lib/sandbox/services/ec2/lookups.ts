import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ActionContext } from "@/lib/sandbox/services/service";
import type { SecurityGroupRecord, SubnetRecord, VpcRecord } from "@/lib/sandbox/state/schema";

/** A resource the caller owns and may see now (not hidden by the eventual-consistency window). */
function visible<T extends { ownerId: string; createdAt: number }>(
  context: ActionContext,
  record: T | undefined,
): record is T {
  return record !== undefined && record.ownerId === context.accountId && !context.hiddenSinceCreate(record.createdAt);
}

export function findVpc(context: ActionContext, id: string): VpcRecord {
  const vpc = context.regionState.vpcs[id];
  if (!visible(context, vpc)) throw new SandboxError("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
  return vpc;
}

export function findSubnet(context: ActionContext, id: string): SubnetRecord {
  const subnet = context.regionState.subnets[id];
  if (!visible(context, subnet)) {
    throw new SandboxError("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`);
  }
  return subnet;
}

export function findSecurityGroup(context: ActionContext, id: string): SecurityGroupRecord {
  const group = context.regionState.securityGroups[id];
  if (!visible(context, group)) {
    throw new SandboxError("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
  }
  return group;
}

/** The caller's visible records of one kind, in creation order (a stable pagination order). */
export function ownRecords<T extends { ownerId: string; createdAt: number }>(
  context: ActionContext,
  records: Readonly<Record<string, T>>,
): T[] {
  return Object.values(records).filter((record) => visible(context, record));
}

/** Explicitly requested ids must all exist, as AWS answers NotFound for the first missing one. */
export function selectByIds<T>(all: readonly T[], ids: readonly string[], idOf: (item: T) => string, notFound: (id: string) => SandboxError): T[] {
  if (ids.length === 0) return [...all];
  const byId = new Map(all.map((item) => [idOf(item), item]));
  return ids.map((id) => {
    const item = byId.get(id);
    if (!item) throw notFound(id);
    return item;
  });
}
