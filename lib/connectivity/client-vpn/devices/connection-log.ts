import { FilterLogEventsCommand, type CloudWatchLogsClient, type FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { providerLogs } from "@/lib/aws/clients";
import { cloudError, tenantDevicesByCommonName } from "./connections";
import type { EndpointRef } from "./endpoint";

/**
 * A tenant's recent connection attempts, read from the endpoint's Client VPN connection log in
 * CloudWatch Logs: when each device tried, from which public address, whether the endpoint let it
 * in (and AWS's reason when not), and how long the connection lasted. The shared endpoint logs
 * every tenant's devices; an entry is the tenant's only when its common-name is that of a
 * certificate Onramp issued to one of the tenant's devices on this endpoint (looked up in the
 * database, as for live sessions), never by reading the name itself.
 */

export interface ConnectionLogRef {
  logGroupName: string;
  logStreamName: string;
}

export interface ConnectionAttempt {
  connectionId: string;
  deviceId: string;
  deviceName: string;
  at: Date;
  /** The device's public address as the endpoint saw it. */
  deviceIp: string | null;
  result: "connected" | "refused";
  /** AWS's connection-attempt-failure-reason for a refused attempt. */
  failureReason: string | null;
  /** Seconds the connection lasted; null while it is still up (or its end is not logged yet). */
  durationSeconds: number | null;
}

export interface TenantConnectionLog {
  /** Newest first, at most ATTEMPTS_SHOWN. */
  attempts: ConnectionAttempt[];
  /** Connection id -> device public address, for every connection of the tenant in the window. */
  deviceIps: Map<string, string>;
}

const WINDOW_MS = 24 * 60 * 60 * 1000;
export const ATTEMPTS_SHOWN = 50;
/** FilterLogEvents answers up to 10,000 events a page; a day of a full endpoint fits in a few. */
const MAX_PAGES = 20;

/** AWS writes "NA" for a field that does not apply. */
const field = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === "NA" ? null : value));

const entrySchema = z.object({
  "connection-log-type": z.enum(["connection-attempt", "connection-reset"]),
  "connection-attempt-status": field,
  "connection-attempt-failure-reason": field,
  "connection-id": z.string(),
  "common-name": field,
  "device-ip": field,
  "connection-duration-seconds": field,
});
type Entry = z.infer<typeof entrySchema> & { timestamp: number };

function parseEntry(event: FilteredLogEvent): Entry | null {
  let json: unknown;
  try {
    json = JSON.parse(event.message ?? "");
  } catch {
    return null;
  }
  const parsed = entrySchema.safeParse(json);
  return parsed.success && event.timestamp !== undefined ? { ...parsed.data, timestamp: event.timestamp } : null;
}

/**
 * What this process has read of one log: every page showing it polls every few seconds, so a read
 * asks only for what was written since the previous one (minus an overlap, since CloudWatch may
 * store an event a little after its timestamp; events are kept once by id), and polls that arrive
 * together share one read.
 */
interface LogWindow {
  entries: Map<string, Entry>;
  readUntil: number | null;
  reading: Promise<void> | null;
}

const windows = new Map<string, LogWindow>();
const LATE_ARRIVAL_MS = 5 * 60 * 1000;

async function readEntries(logs: CloudWatchLogsClient, region: string, log: ConnectionLogRef, now: Date): Promise<Entry[]> {
  const key = [region, log.logGroupName, log.logStreamName].join("\u0000");
  const window = windows.get(key) ?? { entries: new Map<string, Entry>(), readUntil: null, reading: null };
  windows.set(key, window);
  window.reading ??= readSince(logs, log, window, now).finally(() => {
    window.reading = null;
  });
  await window.reading;
  const since = now.getTime() - WINDOW_MS;
  for (const [id, entry] of window.entries) if (entry.timestamp < since) window.entries.delete(id);
  return [...window.entries.values()].sort((a, b) => a.timestamp - b.timestamp);
}

async function readSince(logs: CloudWatchLogsClient, log: ConnectionLogRef, window: LogWindow, now: Date): Promise<void> {
  const endTime = now.getTime();
  const startTime = Math.max(endTime - WINDOW_MS, (window.readUntil ?? 0) - LATE_ARRIVAL_MS);
  let nextToken: string | undefined;
  let pages = 0;
  try {
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: log.logGroupName, logStreamNames: [log.logStreamName], startTime, endTime, nextToken }),
      );
      for (const event of page.events ?? []) {
        const entry = parseEntry(event);
        if (entry && event.eventId) window.entries.set(event.eventId, entry);
      }
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < MAX_PAGES);
  } catch (error) {
    throw cloudError(error);
  }
  window.readUntil = Math.max(window.readUntil ?? 0, endTime);
}

function durationOf(end: Entry | undefined): number | null {
  const seconds = Number(end?.["connection-duration-seconds"] ?? Number.NaN);
  return Number.isFinite(seconds) ? seconds : null;
}

export interface ConnectionLogOptions {
  /** Provider staff name the tenant; customers read their own. */
  tenantId?: string;
  logs?: CloudWatchLogsClient;
  now?: Date;
}

/** The tenant's devices' connection attempts of the last 24 hours, and where each of their connections came from. */
export async function readTenantConnectionLog(
  db: DbOrTx,
  caller: Caller,
  endpoint: EndpointRef,
  log: ConnectionLogRef,
  options: ConnectionLogOptions = {},
): Promise<TenantConnectionLog> {
  const tenantId = tenantFor(caller, options.tenantId);
  const entries = await readEntries(options.logs ?? providerLogs(endpoint.region), endpoint.region, log, options.now ?? new Date());
  const devices = await tenantDevicesByCommonName(db, tenantId, endpoint, entries.flatMap((entry) => entry["common-name"] ?? []));
  const mine = entries.flatMap((entry) => {
    const device = devices.get(entry["common-name"] ?? "");
    return device ? [{ entry, device }] : [];
  });
  const ends = new Map(mine.filter(({ entry }) => entry["connection-log-type"] === "connection-reset").map(({ entry }) => [entry["connection-id"], entry]));
  const deviceIps = new Map(mine.flatMap(({ entry }) => (entry["device-ip"] ? [[entry["connection-id"], entry["device-ip"]] as const] : [])));
  // Entries come oldest first (in the order written, within a millisecond): newest first is the reverse.
  const attempts = mine
    .filter(({ entry }) => entry["connection-log-type"] === "connection-attempt")
    .reverse()
    .slice(0, ATTEMPTS_SHOWN)
    .map(({ entry, device }): ConnectionAttempt => {
      const refused = entry["connection-attempt-status"] === "failed";
      return {
        connectionId: entry["connection-id"],
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        at: new Date(entry.timestamp),
        deviceIp: entry["device-ip"],
        result: refused ? "refused" : "connected",
        failureReason: refused ? entry["connection-attempt-failure-reason"] : null,
        durationSeconds: refused ? null : durationOf(ends.get(entry["connection-id"])),
      };
    });
  return { attempts, deviceIps };
}
