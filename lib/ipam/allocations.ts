import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ipamAllocations } from "@/db/schema";
import { firstFreeBlock } from "@/lib/ipam/first-free-block";
import { DEFAULT_LANDING_POOL, type LandingPool } from "@/lib/ipam/landing-pool";
import { AppError } from "@/lib/errors";
import { formatCidr, requireCidr } from "@/lib/net/cidr";

export interface LandingAllocation {
  connectionId: string;
  pool: string;
  cidr: string;
  allocatedAt: Date;
}

/**
 * Every allocation takes this transaction-scoped advisory lock first, so processes sharing one
 * PostgreSQL choose blocks one after another and each sees the blocks the others committed. Pools
 * of different block sizes can overlap without sharing a CIDR string, so a unique index alone
 * could not keep them apart; it stays as a backstop.
 */
const IPAM_LOCK_ID = 4_170_213;

/**
 * A landing VPC CIDR for `connectionId` from `pool`, overlapping none of `customerCidrs` and no live
 * allocation. Idempotent: a connection that already holds a block gets the same one back, so a
 * retried or resumed plan step never takes a second.
 */
export async function allocateLandingCidr(
  db: DbOrTx,
  request: { connectionId: string; customerCidrs: readonly string[]; pool?: LandingPool },
): Promise<LandingAllocation> {
  const pool = request.pool ?? DEFAULT_LANDING_POOL;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IPAM_LOCK_ID})`);
    const held = await liveAllocation(tx, request.connectionId);
    if (held) return held;

    const live = await tx.select({ cidr: ipamAllocations.cidr }).from(ipamAllocations).where(isNull(ipamAllocations.releasedAt));
    const customer = request.customerCidrs.map(requireCidr);
    const blocked = [...customer, ...live.map((row) => requireCidr(row.cidr))];
    for (const poolText of pool.cidrs) {
      const block = firstFreeBlock(requireCidr(poolText), pool.blockPrefix, blocked);
      if (!block) continue;
      const [row] = await tx
        .insert(ipamAllocations)
        .values({ pool: poolText, cidr: formatCidr(block), connectionId: request.connectionId })
        .returning();
      return toAllocation(row);
    }
    throw exhausted(pool, customer.length > 0 && pool.cidrs.every((text) => !firstFreeBlock(requireCidr(text), pool.blockPrefix, customer)));
  });
}

function exhausted(pool: LandingPool, customerCoversPool: boolean): AppError {
  const pools = pool.cidrs.join(", ");
  if (customerCoversPool) {
    return new AppError(
      "conflict",
      `Your networks cover the whole landing network pool (${pools}), so no landing network can avoid them. Leave out networks that do not need the service, or ask your provider for a different pool.`,
    );
  }
  return new AppError(
    "conflict",
    `The landing network pool is exhausted: every /${pool.blockPrefix} in ${pools} is in use or overlaps your networks. Your provider needs to extend the pool; nothing was created.`,
  );
}

/** Returns the connection's block to the pool. Releasing twice, or with nothing held, is a no-op. */
export async function releaseLandingCidr(db: DbOrTx, connectionId: string): Promise<void> {
  await db
    .update(ipamAllocations)
    .set({ releasedAt: sql`now()` })
    .where(and(eq(ipamAllocations.connectionId, connectionId), isNull(ipamAllocations.releasedAt)));
}

export async function liveAllocation(db: DbOrTx, connectionId: string): Promise<LandingAllocation | null> {
  const [row] = await db
    .select()
    .from(ipamAllocations)
    .where(and(eq(ipamAllocations.connectionId, connectionId), isNull(ipamAllocations.releasedAt)));
  return row ? toAllocation(row) : null;
}

function toAllocation(row: typeof ipamAllocations.$inferSelect): LandingAllocation {
  return { connectionId: row.connectionId, pool: row.pool, cidr: row.cidr, allocatedAt: row.allocatedAt };
}
