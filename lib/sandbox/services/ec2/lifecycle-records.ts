import { isListed, stateAt } from "@/lib/sandbox/lifecycle";
import type { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { BaseContext } from "@/lib/sandbox/services/service";
import type { Lifecycle } from "@/lib/sandbox/state/schema";

interface LifecycleRecord {
  id: string;
  ownerId: string;
  createdAt: number;
  lifecycle: Lifecycle;
}

/** The caller's records still listed by Describe calls (deleted ones linger a while), in creation order. */
export function listedOwn<T extends LifecycleRecord>(context: BaseContext, records: Readonly<Record<string, T>>): T[] {
  return Object.values(records)
    .filter((record) => record.ownerId === context.accountId && !context.hiddenSinceCreate(record.createdAt))
    .filter((record) => isListed(record.lifecycle, context.now))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** A record the caller owns that is not deleted: what every action other than Describe works on. */
export function findLive<T extends LifecycleRecord>(
  context: BaseContext,
  records: Readonly<Record<string, T>>,
  id: string,
  notFound: (id: string) => SandboxError,
): T {
  const record = records[id];
  if (
    !record ||
    record.ownerId !== context.accountId ||
    context.hiddenSinceCreate(record.createdAt) ||
    stateAt(record.lifecycle, context.now) === "deleted"
  ) {
    throw notFound(id);
  }
  return record;
}

export function currentState(context: BaseContext, record: { lifecycle: Lifecycle }): string {
  return stateAt(record.lifecycle, context.now);
}
