import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { productRegions } from "@/db/schema";
import { awsErrorCode, isAwsError, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { startPeriodicLoop } from "@/lib/engine/periodic-loop";
import { env } from "@/lib/env";
import { reconcilePass } from "./reconcile-pass";

/**
 * The background watcher for PrivateLink. Work is per endpoint service (a product region), claimed
 * through a lease in the database so several Onramp processes share the work and never run one
 * service twice at once. A service is due again soon while something is in flight, at the normal
 * interval otherwise, and later and later while AWS keeps failing.
 */
const LEASE_MS = 60_000;
const IN_FLIGHT_MS = 2_000;
const FIRST_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** While claimed, a service is parked this far ahead; a kick during the pass brings it back. */
const PARKED_MS = 24 * 60 * 60_000;
const MAX_POLL_MS = 1_000;

const OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

type ProductRegionRow = typeof productRegions.$inferSelect;

const after = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

class LeaseLost extends Error {
  constructor() {
    super("The reconcile lease was taken over.");
  }
}

const claimable = or(
  and(isNull(productRegions.leaseExpiresAt), lte(productRegions.reconcileDueAt, sql`now()`)),
  // A process that died mid-pass leaves its lease to expire; then anyone may take over.
  and(isNotNull(productRegions.leaseExpiresAt), lt(productRegions.leaseExpiresAt, sql`now()`)),
);

async function claimNextDue(db: Db): Promise<ProductRegionRow | null> {
  const next = db
    .select({ id: productRegions.id })
    .from(productRegions)
    .where(claimable)
    .orderBy(asc(productRegions.reconcileDueAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(productRegions)
    .set({ leaseOwner: OWNER, leaseExpiresAt: after(LEASE_MS), reconcileDueAt: after(PARKED_MS) })
    .where(and(inArray(productRegions.id, next), claimable))
    .returning();
  return row ?? null;
}

async function claimSpecific(db: Db, productRegionId: string): Promise<ProductRegionRow | null> {
  const free = or(isNull(productRegions.leaseExpiresAt), lt(productRegions.leaseExpiresAt, sql`now()`));
  const [row] = await db
    .update(productRegions)
    .set({ leaseOwner: OWNER, leaseExpiresAt: after(LEASE_MS), reconcileDueAt: after(PARKED_MS) })
    .where(and(eq(productRegions.id, productRegionId), free))
    .returning();
  return row ?? null;
}

async function renew(db: Db, productRegionId: string): Promise<void> {
  const [row] = await db
    .update(productRegions)
    .set({ leaseExpiresAt: after(LEASE_MS) })
    .where(and(eq(productRegions.id, productRegionId), eq(productRegions.leaseOwner, OWNER)))
    .returning({ id: productRegions.id });
  if (!row) throw new LeaseLost();
}

function backoffMs(failures: number): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  // Jitter spreads retries of many services (and processes) that failed together.
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

async function release(db: Db, service: ProductRegionRow, outcome: { nextInMs: number; error: string | null; failures: number }): Promise<void> {
  await db
    .update(productRegions)
    .set({
      leaseOwner: null,
      leaseExpiresAt: null,
      // least(): a reconcileNow() during the pass set an earlier time, which must win.
      reconcileDueAt: sql`least(${productRegions.reconcileDueAt}, ${after(outcome.nextInMs)})`,
      lastReconciledAt: sql`now()`,
      lastReconcileError: outcome.error,
      consecutiveFailures: outcome.failures,
    })
    .where(and(eq(productRegions.id, service.id), eq(productRegions.leaseOwner, OWNER)));
}

async function runClaimed(db: Db, service: ProductRegionRow, idleIntervalMs: number): Promise<void> {
  try {
    const result = await reconcilePass(db, service, () => renew(db, service.id));
    await release(db, service, { nextInMs: result.inFlight ? IN_FLIGHT_MS : idleIntervalMs, error: null, failures: 0 });
  } catch (error) {
    if (error instanceof LeaseLost) return;
    const failures = service.consecutiveFailures + 1;
    if (!isTransient(error)) console.error(`[onramp] reconciling ${service.serviceId} failed (${awsErrorCode(error)})`, error);
    const message = isAwsError(error) ? safeAwsMessage(error) : "Reconciliation failed; see the server log.";
    await release(db, service, { nextInMs: backoffMs(failures), error: message, failures });
  }
}

export interface ReconcileOptions {
  /** When a quiet service is due again; defaults to ONRAMP_RECONCILE_INTERVAL_MS. */
  idleIntervalMs?: number;
}

/**
 * Reconciles one endpoint service now if no other process holds it; otherwise marks it due so the
 * holder runs it again right after its current pass.
 */
export async function reconcileProductRegion(db: Db, productRegionId: string, options: ReconcileOptions = {}): Promise<void> {
  const service = await claimSpecific(db, productRegionId);
  if (!service) {
    await markDue(db, productRegionId);
    return;
  }
  await runClaimed(db, service, options.idleIntervalMs ?? env.ONRAMP_RECONCILE_INTERVAL_MS);
}

/** Runs every due service once (as many as this process can claim); returns how many it ran. */
export async function reconcileDueNow(db: Db, options: ReconcileOptions = {}): Promise<number> {
  let count = 0;
  // Bounded so a service kicked again and again cannot keep one caller busy forever.
  for (let i = 0; i < 1_000; i += 1) {
    const service = await claimNextDue(db);
    if (!service) break;
    await runClaimed(db, service, options.idleIntervalMs ?? env.ONRAMP_RECONCILE_INTERVAL_MS);
    count += 1;
  }
  return count;
}

async function markDue(db: Db, productRegionId: string): Promise<void> {
  await db.update(productRegions).set({ reconcileDueAt: sql`now()` }).where(eq(productRegions.id, productRegionId));
}

// Wakes the loop of this process, if one runs here, so a kick is acted on without waiting a poll.
const wakersKey = Symbol.for("onramp.reconciler.wakers");
type GlobalWithWakers = typeof globalThis & { [wakersKey]?: Set<() => void> };
function wakers(): Set<() => void> {
  const g = globalThis as GlobalWithWakers;
  g[wakersKey] ??= new Set();
  return g[wakersKey];
}

/**
 * Asks for an endpoint service to be reconciled as soon as possible, by whichever process claims
 * it first. This is the hook for event-driven updates: an SNS endpoint-connection notification
 * (ConnectionNotification on the endpoint service) will call it with the service's product region.
 */
export async function reconcileNow(db: Db, productRegionId: string): Promise<void> {
  await markDue(db, productRegionId);
  for (const wake of wakers()) wake();
}

/** The background loop. Never throws; stop() waits for the current pass to end. */
export function startReconciler(options: { intervalMs: number; db?: Db }): { stop(): Promise<void> } {
  const db = options.db ?? getDb();
  const loop = startPeriodicLoop("reconciler", Math.min(options.intervalMs, MAX_POLL_MS), async () => {
    await reconcileDueNow(db, { idleIntervalMs: options.intervalMs });
  });
  const onKick = () => loop.wake();
  wakers().add(onKick);
  return {
    async stop() {
      wakers().delete(onKick);
      await loop.stop();
    },
  };
}
