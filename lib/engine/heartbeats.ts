import { eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workerHeartbeats } from "@/db/schema";

/**
 * Which engine workers are alive, so the rate limiter can give each its share of the account's
 * request budget. A worker is live while it has been seen within LIVE_WINDOW_MS.
 */
export const LIVE_WINDOW_MS = 30_000;
/** Rows this much older than the window are removed, so crashed workers do not pile up. */
const FORGET_AFTER_MS = 10 * LIVE_WINDOW_MS;

const ago = (ms: number) => sql`now() - ${ms} * interval '1 millisecond'`;

/** Records that a worker is alive; returns how many workers are live now, this one included. */
export async function beat(db: Db, workerId: string): Promise<number> {
  await db
    .insert(workerHeartbeats)
    .values({ workerId })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastSeenAt: sql`now()` } });
  await db.delete(workerHeartbeats).where(lt(workerHeartbeats.lastSeenAt, ago(FORGET_AFTER_MS)));
  return liveWorkerCount(db);
}

export async function liveWorkerCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(workerHeartbeats)
    .where(gt(workerHeartbeats.lastSeenAt, ago(LIVE_WINDOW_MS)));
  return Math.max(1, row?.count ?? 1);
}

/** A worker that stops cleanly hands its share back at once. */
export async function retire(db: Db, workerId: string): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}
