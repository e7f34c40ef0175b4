import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { database, getDb, openDatabase, type Db } from "@/db/client";
import { ipamAllocations } from "@/db/schema";
import { isUniqueViolation } from "@/lib/dal/unique-violation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { allocateLandingCidr, liveAllocation, releaseLandingCidr } from "@/lib/ipam/allocations";
import type { LandingPool } from "@/lib/ipam/landing-pool";
import { overlaps, requireCidr } from "@/lib/net/cidr";

// Each test draws from its own pool: allocation avoids every live block, whatever its pool.
const pool = (cidr: string, blockPrefix = 24): LandingPool => ({ cidrs: [cidr], blockPrefix });

const extraHandles: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(extraHandles.map((handle) => handle.close()));
});

/** Three processes' worth of connections on PostgreSQL; PGlite has one connection to share. */
function processDatabases(): Db[] {
  if (database().driver !== "postgres" || !env.DATABASE_URL) return [getDb(), getDb(), getDb()];
  const handles = [openDatabase({ url: env.DATABASE_URL }), openDatabase({ url: env.DATABASE_URL })];
  extraHandles.push(...handles);
  return [getDb(), ...handles.map((handle) => handle.db)];
}

describe("landing CIDR allocation", () => {
  it("hands out blocks from the bottom of the pool, once per connection", async () => {
    const db = getDb();
    const landing = pool("10.200.0.0/16");
    const first = randomUUID();
    const second = randomUUID();
    const a = await allocateLandingCidr(db, { connectionId: first, customerCidrs: [], pool: landing });
    expect(a).toMatchObject({ connectionId: first, pool: "10.200.0.0/16", cidr: "10.200.0.0/24" });
    expect(await allocateLandingCidr(db, { connectionId: first, customerCidrs: [], pool: landing })).toEqual(a);
    expect((await allocateLandingCidr(db, { connectionId: second, customerCidrs: [], pool: landing })).cidr).toBe("10.200.1.0/24");
    expect(await liveAllocation(db, first)).toEqual(a);
  });

  it("avoids the customer's networks", async () => {
    const allocation = await allocateLandingCidr(getDb(), {
      connectionId: randomUUID(),
      customerCidrs: ["10.201.0.0/17", "10.201.128.0/24", "192.168.0.0/16"],
      pool: pool("10.201.0.0/16", 22),
    });
    expect(allocation.cidr).toBe("10.201.132.0/22");
  });

  it("moves on to the next pool CIDR when the first is used up", async () => {
    const allocation = await allocateLandingCidr(getDb(), {
      connectionId: randomUUID(),
      customerCidrs: ["10.202.0.0/16"],
      pool: { cidrs: ["10.202.0.0/16", "100.64.8.0/21"], blockPrefix: 24 },
    });
    expect(allocation).toMatchObject({ pool: "100.64.8.0/21", cidr: "100.64.8.0/24" });
  });

  it("reuses a released block, and releasing is idempotent", async () => {
    const db = getDb();
    const landing = pool("10.203.0.0/16");
    const first = randomUUID();
    await allocateLandingCidr(db, { connectionId: first, customerCidrs: [], pool: landing });
    await releaseLandingCidr(db, first);
    await releaseLandingCidr(db, first);
    expect(await liveAllocation(db, first)).toBeNull();
    expect((await allocateLandingCidr(db, { connectionId: randomUUID(), customerCidrs: [], pool: landing })).cidr).toBe("10.203.0.0/24");
    // A released connection that asks again gets a fresh block, not its old history row.
    expect((await allocateLandingCidr(db, { connectionId: first, customerCidrs: [], pool: landing })).cidr).toBe("10.203.1.0/24");
  });

  it("says the pool is exhausted, and nothing is written", async () => {
    const db = getDb();
    const landing = pool("10.204.0.0/23");
    for (let i = 0; i < 2; i++) await allocateLandingCidr(db, { connectionId: randomUUID(), customerCidrs: [], pool: landing });
    const connectionId = randomUUID();
    const attempt = allocateLandingCidr(db, { connectionId, customerCidrs: ["172.16.0.0/12"], pool: landing });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "conflict",
      message:
        "The landing network pool is exhausted: every /24 in 10.204.0.0/23 is in use or overlaps your networks. Your provider needs to extend the pool; nothing was created.",
    });
    expect(await liveAllocation(db, connectionId)).toBeNull();
  });

  it("says when the customer's own networks cover the pool", async () => {
    await expect(
      allocateLandingCidr(getDb(), { connectionId: randomUUID(), customerCidrs: ["10.0.0.0/8"], pool: pool("10.205.0.0/16") }),
    ).rejects.toMatchObject({
      code: "conflict",
      message:
        "Your networks cover the whole landing network pool (10.205.0.0/16), so no landing network can avoid them. Leave out networks that do not need the service, or ask your provider for a different pool.",
    });
  });

  it("never hands out one block twice when processes allocate at once", async () => {
    const landing = pool("10.206.0.0/16");
    const dbs = processDatabases();
    const connectionIds = Array.from({ length: 45 }, () => randomUUID());
    // Every connection asks twice, from different processes, as a retried step would.
    const results = await Promise.all(
      [...connectionIds, ...connectionIds].map((connectionId, i) => allocateLandingCidr(dbs[i % dbs.length], { connectionId, customerCidrs: [], pool: landing })),
    );
    const byConnection = new Map<string, string>();
    for (const result of results) {
      const earlier = byConnection.get(result.connectionId);
      if (earlier) expect(result.cidr).toBe(earlier);
      byConnection.set(result.connectionId, result.cidr);
    }
    const cidrs = [...byConnection.values()].map(requireCidr);
    expect(cidrs).toHaveLength(45);
    for (const [i, a] of cidrs.entries()) for (const b of cidrs.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    expect([...byConnection.values()].sort()).toEqual(Array.from({ length: 45 }, (_, i) => `10.206.${i}.0/24`).sort());
  });

  it("keeps the indexes as a backstop: no live block twice, one live block per connection", async () => {
    const db = getDb();
    const connectionId = randomUUID();
    await db.insert(ipamAllocations).values({ pool: "10.207.0.0/16", cidr: "10.207.0.0/24", connectionId });
    await expect(db.insert(ipamAllocations).values({ pool: "10.207.0.0/16", cidr: "10.207.0.0/24", connectionId: randomUUID() })).rejects.toSatisfy((error) =>
      isUniqueViolation(error, "ipam_allocations_live_cidr"),
    );
    await expect(db.insert(ipamAllocations).values({ pool: "10.207.0.0/16", cidr: "10.207.1.0/24", connectionId })).rejects.toSatisfy((error) =>
      isUniqueViolation(error, "ipam_allocations_live_connection"),
    );
  });
});
