import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec } from "@/lib/sandbox/services/service";
import { parseFilterPattern } from "@/lib/sandbox/services/logs/filter-pattern";
import {
  appendLogEvents,
  logGroupArn,
  logGroupKey,
  logGroupNotFound,
  logGroupOf,
  logStreamNotFound,
  newLogStream,
  retainedSince,
} from "@/lib/sandbox/services/logs/log-records";
import type { LogGroupRecord, LogStreamRecord } from "@/lib/sandbox/state/schema";

type Context = ActionContext<JsonParams>;

/** The retention periods PutRetentionPolicy accepts, in days (API reference). */
const RETENTION_DAYS = new Set([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);
/** Log group names: 1-512 of letters, digits and `_-/.#`; stream names: 1-512, no `:` or `*`. */
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;
/** Quotas: 50 tags per log group; 100 stream names per FilterLogEvents. */
const TAG_QUOTA = 50;
const STREAM_NAMES_QUOTA = 100;
/** PutLogEvents: at most 10,000 events a call; none older than 14 days (or the retention), nor 2 hours ahead. */
const BATCH_QUOTA = 10000;
const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_AHEAD_MS = 2 * 60 * 60 * 1000;

function invalid(message: string): SandboxError {
  return new SandboxError("InvalidParameterException", message);
}

function groupName(context: Context): string {
  const name = context.params.requiredString("logGroupName");
  if (!GROUP_NAME.test(name)) throw invalid(`Log group name ${name} is invalid: 1 to 512 letters, digits or _-/.# characters.`);
  return name;
}

function findGroup(context: Context): LogGroupRecord {
  const group = logGroupOf(context, context.accountId, groupName(context));
  if (!group || context.hiddenSinceCreate(group.createdAt)) throw logGroupNotFound();
  return group;
}

function streamName(context: Context): string {
  const name = context.params.requiredString("logStreamName");
  if (!STREAM_NAME.test(name)) throw invalid(`Log stream name ${name} is invalid: 1 to 512 characters, without ':' or '*'.`);
  return name;
}

function readTags(context: Context): Record<string, string> {
  const tags = context.params.stringMap("tags");
  const keys = Object.keys(tags);
  if (keys.length > TAG_QUOTA) throw invalid(`A log group can have at most ${TAG_QUOTA} tags.`);
  for (const key of keys) {
    if (key.length > 128 || (tags[key] ?? "").length > 256 || key.toLowerCase().startsWith("aws:")) {
      throw invalid(`The tag '${key}' is invalid: keys take at most 128 characters, values 256, and aws: is reserved.`);
    }
  }
  return tags;
}

/** Opaque to callers; an offset into the listing here. */
function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, "utf8").toString("base64url");
}

function decodeToken(context: Context): number {
  const token = context.params.string("nextToken");
  if (token === undefined) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw invalid("The specified nextToken is invalid.");
  return Number(match[1]);
}

function readLimit(context: Context, max: number): number {
  const limit = context.params.integer("limit") ?? max;
  if (limit < 1 || limit > max) throw invalid(`limit must be between 1 and ${max}.`);
  return limit;
}

function page<T>(context: Context, items: readonly T[], max: number): { items: T[]; nextToken: string | undefined } {
  const limit = readLimit(context, max);
  const offset = decodeToken(context);
  const next = offset + limit;
  return { items: items.slice(offset, next), nextToken: next < items.length ? encodeToken(next) : undefined };
}

function groupView(context: Context, group: LogGroupRecord) {
  const arn = logGroupArn(context, group);
  return {
    logGroupName: group.name,
    creationTime: group.createdAt,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes: Object.values(group.streams).reduce((sum, stream) => sum + storedBytes(stream), 0),
    logGroupClass: "STANDARD",
  };
}

function storedBytes(stream: LogStreamRecord): number {
  return stream.events.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0);
}

function streamView(context: Context, group: LogGroupRecord, stream: LogStreamRecord) {
  const first = stream.events[0];
  const last = stream.events.at(-1);
  return {
    logStreamName: stream.name,
    creationTime: stream.createdAt,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: last?.ingestionTime,
    arn: `${logGroupArn(context, group)}:log-stream:${stream.name}`,
    storedBytes: 0,
  };
}

function filterEvents(context: Context) {
  const params = context.params;
  const group = findGroup(context);
  const names = params.list("logStreamNames");
  const prefix = params.string("logStreamNamePrefix");
  if (names.length > 0 && prefix !== undefined) throw invalid("logStreamNames and logStreamNamePrefix cannot be given together.");
  if (names.length > STREAM_NAMES_QUOTA) throw invalid(`At most ${STREAM_NAMES_QUOTA} log stream names can be given.`);
  const streams = names.length > 0 ? names.map((name) => group.streams[name]) : Object.values(group.streams);
  if (streams.some((stream) => stream === undefined)) throw logStreamNotFound();
  const searched = streams.flatMap((stream) => (stream && (prefix === undefined || stream.name.startsWith(prefix)) ? [stream] : []));
  const startTime = params.integer("startTime");
  const endTime = params.integer("endTime");
  if (startTime !== undefined && startTime < 0) throw invalid("startTime must be a non-negative epoch time in milliseconds.");
  if (startTime !== undefined && endTime !== undefined && endTime < startTime) throw invalid("endTime must not be before startTime.");
  const matches = parseFilterPattern(params.string("filterPattern"));
  const events = searched
    .flatMap((stream) => stream.events.map((event) => ({ stream: stream.name, event })))
    .filter(({ event }) => (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp <= endTime))
    .filter(({ event }) => matches(event.message))
    // Stable: events of one timestamp keep the order they were written in.
    .sort((a, b) => a.event.timestamp - b.event.timestamp);
  const { items, nextToken } = page(context, events, 10000);
  return {
    events: items.map(({ stream, event }) => ({
      logStreamName: stream,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: event.eventId,
    })),
    searchedLogStreams: searched.map((stream) => ({ logStreamName: stream.name, searchedCompletely: nextToken === undefined })),
    nextToken,
  };
}

/** Events too old or too new are not stored; AWS reports their index ranges and keeps the rest. */
function putEvents(context: Context) {
  const group = findGroup(context);
  const stream = group.streams[streamName(context)];
  if (!stream) throw logStreamNotFound();
  const events = context.params.structList("logEvents").map((event) => {
    const timestamp = event.integer("timestamp");
    const message = event.string("message");
    if (timestamp === undefined || message === undefined) throw invalid("Each log event needs a timestamp and a message.");
    return { timestamp, message };
  });
  if (events.length < 1 || events.length > BATCH_QUOTA) throw invalid(`A PutLogEvents call takes 1 to ${BATCH_QUOTA} log events.`);
  if (events.some((event, index) => index > 0 && event.timestamp < (events[index - 1]?.timestamp ?? 0))) {
    throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
  }
  const oldest = Math.max(context.now - MAX_AGE_MS, retainedSince(group, context.now) ?? 0);
  const newest = context.now + MAX_AHEAD_MS;
  const tooOld = events.findLastIndex((event) => event.timestamp < oldest);
  const tooNew = events.findIndex((event) => event.timestamp > newest);
  appendLogEvents(context, stream, events.filter((event) => event.timestamp >= oldest && event.timestamp <= newest));
  const rejected = {
    tooOldLogEventEndIndex: tooOld >= 0 ? tooOld : undefined,
    tooNewLogEventStartIndex: tooNew >= 0 ? tooNew : undefined,
  };
  return { rejectedLogEventsInfo: tooOld >= 0 || tooNew >= 0 ? rejected : undefined };
}

export const logGroupActions: Record<string, ActionSpec<JsonParams>> = {
  CreateLogGroup: {
    mutates: true,
    run(context) {
      const name = groupName(context);
      const key = logGroupKey(context.accountId, name);
      if (context.regionState.logGroups[key]) throw new SandboxError("ResourceAlreadyExistsException", "The specified log group already exists");
      const tags = readTags(context);
      context.regionState.logGroups[key] = { name, ownerId: context.accountId, createdAt: context.now, tags, streams: {} };
      context.recordCreated(name);
      return {};
    },
  },
  DescribeLogGroups: {
    mutates: false,
    run(context) {
      const prefix = context.params.string("logGroupNamePrefix");
      const groups = Object.values(context.regionState.logGroups)
        .filter((group) => group.ownerId === context.accountId && !context.hiddenSinceCreate(group.createdAt))
        .filter((group) => prefix === undefined || group.name.startsWith(prefix))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const { items, nextToken } = page(context, groups, 50);
      return { logGroups: items.map((group) => groupView(context, group)), nextToken };
    },
  },
  PutRetentionPolicy: {
    mutates: true,
    run(context) {
      const group = findGroup(context);
      const days = context.params.integer("retentionInDays");
      if (days === undefined) throw invalid("retentionInDays is required.");
      if (!RETENTION_DAYS.has(days)) {
        throw invalid(`Value ${days} at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${[...RETENTION_DAYS].join(", ")}]`);
      }
      group.retentionInDays = days;
      return {};
    },
  },
  DeleteLogGroup: {
    mutates: true,
    run(context) {
      const group = findGroup(context);
      delete context.regionState.logGroups[logGroupKey(group.ownerId, group.name)];
      return {};
    },
  },
  ListTagsForResource: {
    mutates: false,
    run(context) {
      const arn = context.params.requiredString("resourceArn");
      const prefix = `arn:aws:logs:${context.region}:${context.accountId}:log-group:`;
      const name = arn.startsWith(prefix) ? arn.slice(prefix.length).replace(/:\*$/, "") : undefined;
      const group = name === undefined ? undefined : logGroupOf(context, context.accountId, name);
      if (!group) throw logGroupNotFound();
      return { tags: group.tags };
    },
  },
  CreateLogStream: {
    mutates: true,
    run(context) {
      const group = findGroup(context);
      const name = streamName(context);
      if (group.streams[name]) throw new SandboxError("ResourceAlreadyExistsException", "The specified log stream already exists");
      group.streams[name] = newLogStream(name, context.now);
      context.recordCreated(name);
      return {};
    },
  },
  DescribeLogStreams: {
    mutates: false,
    run(context) {
      const group = findGroup(context);
      const prefix = context.params.string("logStreamNamePrefix");
      const orderBy = context.params.string("orderBy") ?? "LogStreamName";
      if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") throw invalid(`orderBy ${orderBy} is not valid: LogStreamName or LastEventTime.`);
      if (orderBy === "LastEventTime" && prefix !== undefined) throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
      const descending = context.params.boolean("descending") ?? false;
      const lastEvent = (stream: LogStreamRecord) => stream.events.at(-1)?.timestamp ?? 0;
      const streams = Object.values(group.streams)
        .filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
        .sort((a, b) => (orderBy === "LastEventTime" ? lastEvent(a) - lastEvent(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (descending) streams.reverse();
      const { items, nextToken } = page(context, streams, 50);
      return { logStreams: items.map((stream) => streamView(context, group, stream)), nextToken };
    },
  },
  PutLogEvents: {
    mutates: true,
    run: putEvents,
  },
  FilterLogEvents: {
    mutates: false,
    run: filterEvents,
  },
};
