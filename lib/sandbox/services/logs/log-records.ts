import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { BaseContext } from "@/lib/sandbox/services/service";
import type { LogGroupRecord, LogStreamRecord } from "@/lib/sandbox/state/schema";

/** CloudWatch Logs' log groups and streams as the other emulated services (Client VPN) reach them. */

const DAY_MS = 24 * 60 * 60 * 1000;

export function logGroupKey(accountId: string, name: string): string {
  return `${accountId}:${name}`;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>`: DescribeLogGroups' logGroupArn (its `arn` adds `:*`). */
export function logGroupArn(context: BaseContext, group: LogGroupRecord): string {
  return `arn:aws:logs:${context.region}:${group.ownerId}:log-group:${group.name}`;
}

export function logGroupNotFound(): SandboxError {
  return new SandboxError("ResourceNotFoundException", "The specified log group does not exist.");
}

export function logStreamNotFound(): SandboxError {
  return new SandboxError("ResourceNotFoundException", "The specified log stream does not exist.");
}

/** The caller's group of that name in the request's region, or undefined. */
export function logGroupOf(context: BaseContext, accountId: string, name: string): LogGroupRecord | undefined {
  return context.regionState.logGroups[logGroupKey(accountId, name)];
}

export function newLogStream(name: string, now: number): LogStreamRecord {
  return { name, createdAt: now, events: [] };
}

/** Adds events to a stream, which stays in timestamp order (the order FilterLogEvents answers in). */
export function appendLogEvents(context: BaseContext, stream: LogStreamRecord, events: ReadonlyArray<{ timestamp: number; message: string }>): void {
  for (const event of events) stream.events.push({ eventId: context.prng.hex(56), timestamp: event.timestamp, ingestionTime: context.now, message: event.message });
  stream.events.sort((a, b) => a.timestamp - b.timestamp);
}

/** The oldest timestamp a group still keeps: older events have expired under its retention. */
export function retainedSince(group: LogGroupRecord, now: number): number | undefined {
  return group.retentionInDays === undefined ? undefined : now - group.retentionInDays * DAY_MS;
}

/**
 * Delivers one event now, as an AWS service does (Client VPN's connection log), into an existing
 * group and stream of the owner, dropping events past the group's retention. Answers false when
 * the group or stream is gone (AWS's delivery then fails silently).
 */
export function deliverLogEvent(context: BaseContext, ownerId: string, groupName: string, streamName: string, message: string): boolean {
  const group = logGroupOf(context, ownerId, groupName);
  const stream = group?.streams[streamName];
  if (!group || !stream) return false;
  const oldest = retainedSince(group, context.now);
  if (oldest !== undefined) stream.events = stream.events.filter((event) => event.timestamp >= oldest);
  appendLogEvents(context, stream, [{ timestamp: context.now, message }]);
  return true;
}
