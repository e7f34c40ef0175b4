import { eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { productRegions } from "@/db/schema";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { registerSandboxProducts } from "@/lib/dal/products";
import { reconcileDueNow, reconcileProductRegion } from "./reconciler";

const listCalls = () => sandboxCloud().calls().filter((c) => c.action === "DescribeVpcEndpointConnections").length;

beforeAll(async () => {
  await registerSandboxProducts(getDb());
});

describe("reconciler leases", () => {
  it("concurrent runners process each due service exactly once", async () => {
    const db = getDb();
    const services = await db.select({ id: productRegions.id }).from(productRegions);
    expect(services).toHaveLength(3);
    await db.update(productRegions).set({ reconcileDueAt: sql`now() - interval '1 second'` });
    const before = listCalls();

    const counts = await Promise.all([reconcileDueNow(db), reconcileDueNow(db), reconcileDueNow(db), reconcileDueNow(db)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    // One page per service: a service run twice would list its endpoint connections twice.
    expect(listCalls() - before).toBe(3);
    const leftovers = await db.select({ id: productRegions.id }).from(productRegions).where(isNotNull(productRegions.leaseOwner));
    expect(leftovers).toHaveLength(0);
    // Nothing is due again right away.
    expect(await reconcileDueNow(db)).toBe(0);
  });

  it("leaves a service another process holds alone until its lease expires", async () => {
    const db = getDb();
    const [held] = await db.select({ id: productRegions.id }).from(productRegions).limit(1);
    if (!held) throw new Error("no service");
    await db.update(productRegions).set({ reconcileDueAt: sql`now() - interval '1 second'` });
    await db
      .update(productRegions)
      .set({ leaseOwner: "other-process", leaseExpiresAt: sql`now() + interval '60 seconds'` })
      .where(eq(productRegions.id, held.id));

    expect(await reconcileDueNow(db)).toBe(2);
    const before = listCalls();
    await reconcileProductRegion(db, held.id);
    expect(listCalls()).toBe(before);
    const [row] = await db.select().from(productRegions).where(eq(productRegions.id, held.id));
    expect(row?.leaseOwner).toBe("other-process");
    expect(row && row.reconcileDueAt.getTime() <= Date.now() + 1_000).toBe(true);

    // The other process died: its lease runs out and this one takes over.
    await db.update(productRegions).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(productRegions.id, held.id));
    expect(await reconcileDueNow(db)).toBe(1);
    const [after] = await db.select().from(productRegions).where(eq(productRegions.id, held.id));
    expect(after?.leaseOwner).toBeNull();
    expect(after?.lastReconcileError).toBeNull();
  });

  it("backs off and records the error when AWS keeps failing, then recovers", async () => {
    const db = getDb();
    const [service] = await db.select({ id: productRegions.id }).from(productRegions).limit(1);
    if (!service) throw new Error("no service");
    sandboxCloud().setFaults({ throttleRate: 1, actions: ["DescribeVpcEndpointConnections"] });
    try {
      await reconcileProductRegion(db, service.id);
      await reconcileProductRegion(db, service.id);
    } finally {
      sandboxCloud().clearFaults();
    }
    const [failing] = await db.select().from(productRegions).where(eq(productRegions.id, service.id));
    expect(failing?.consecutiveFailures).toBe(2);
    expect(failing?.lastReconcileError).toMatch(/RequestLimitExceeded/);
    expect(failing && failing.reconcileDueAt.getTime() > Date.now()).toBe(true);
    await reconcileProductRegion(db, service.id);
    const [recovered] = await db.select().from(productRegions).where(eq(productRegions.id, service.id));
    expect(recovered?.consecutiveFailures).toBe(0);
    expect(recovered?.lastReconcileError).toBeNull();
  });
});
