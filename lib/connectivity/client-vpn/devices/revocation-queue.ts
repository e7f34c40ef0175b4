import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnRevocationLists } from "@/db/schema";
import { DAY_MS } from "@/lib/pki/issue-certificate";
import type { EndpointRef } from "./endpoint";

/**
 * When an endpoint's revocation list is imported next. An import replaces the whole list and
 * resets every connection on the endpoint, every tenant's (AWS-FACTS.md, Client VPN), so
 * revocations wait a little to be imported together, and imports are spaced out.
 */
/** How long the first revocation of a batch waits for others. */
export const BATCH_DELAY_MS = 60_000;
/** The least time between two imports into one endpoint. */
export const MIN_IMPORT_INTERVAL_MS = 5 * 60_000;
/** A list is re-imported this long before its nextUpdate, so it never goes stale on the endpoint. */
export const CRL_REFRESH_MARGIN_MS = 30 * DAY_MS;

export type RevocationListRow = typeof clientVpnRevocationLists.$inferSelect;

function earliest(...dates: Array<Date | null>): Date | null {
  const present = dates.filter((date): date is Date => date !== null);
  return present.length ? new Date(Math.min(...present.map((date) => date.getTime()))) : null;
}

function latest(...dates: Array<Date | null>): Date | null {
  const present = dates.filter((date): date is Date => date !== null);
  return present.length ? new Date(Math.max(...present.map((date) => date.getTime()))) : null;
}

const plus = (date: Date | null, ms: number) => (date ? new Date(date.getTime() + ms) : null);

/** The oldest revocation not yet on the endpoint: queued, or taken by an import that has not finished. */
export function pendingSince(row: RevocationListRow): Date | null {
  return earliest(row.dirtySince, row.flushingSince);
}

/** When the list is due for import: after a batch's delay and the spacing, or before it goes stale. */
export function nextImportAt(row: RevocationListRow): Date | null {
  const pending = pendingSince(row);
  const refresh = plus(row.crlNextUpdate, -CRL_REFRESH_MARGIN_MS);
  if (!pending) return refresh;
  const batched = latest(plus(pending, BATCH_DELAY_MS), plus(row.lastImportedAt, MIN_IMPORT_INTERVAL_MS), row.retryAt);
  return earliest(batched, refresh);
}

/**
 * Marks the endpoint's list as needing an import, in the caller's transaction so a revocation and
 * its queueing commit together. An earlier mark stands: the batch is as old as its first member.
 */
export async function queueRevocationImport(tx: DbOrTx, endpoint: EndpointRef, now: Date): Promise<Date> {
  const [row] = await tx
    .insert(clientVpnRevocationLists)
    .values({ region: endpoint.region, clientVpnEndpointId: endpoint.clientVpnEndpointId, dirtySince: now })
    .onConflictDoUpdate({
      target: [clientVpnRevocationLists.region, clientVpnRevocationLists.clientVpnEndpointId],
      set: { dirtySince: sql`coalesce(${clientVpnRevocationLists.dirtySince}, excluded.dirty_since)` },
    })
    .returning();
  if (!row) throw new Error("Queueing a revocation list import returned no row.");
  return nextImportAt(row) ?? now;
}

export interface RevocationListStatus {
  /** The oldest revocation the endpoint does not enforce yet; null when it enforces them all. */
  pendingSince: Date | null;
  /** When the next import is due (it runs on the worker's next pass after that). */
  nextImportAt: Date | null;
  lastImportedAt: Date | null;
  importedSerialCount: number;
  /** A safe message when the last attempt failed; it is retried. */
  lastError: string | null;
}

/** What the admin is told about an endpoint's revocations, e.g. "sessions end at about 10:42". */
export async function revocationListStatus(db: DbOrTx, endpoint: EndpointRef): Promise<RevocationListStatus> {
  const [row] = await db
    .select()
    .from(clientVpnRevocationLists)
    .where(and(eq(clientVpnRevocationLists.region, endpoint.region), eq(clientVpnRevocationLists.clientVpnEndpointId, endpoint.clientVpnEndpointId)));
  if (!row) return { pendingSince: null, nextImportAt: null, lastImportedAt: null, importedSerialCount: 0, lastError: null };
  return {
    pendingSince: pendingSince(row),
    nextImportAt: nextImportAt(row),
    lastImportedAt: row.lastImportedAt,
    importedSerialCount: row.importedSerialCount,
    lastError: row.lastError,
  };
}
