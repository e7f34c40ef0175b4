import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { database, getDb, openDatabase, type Db } from "@/db/client";
import { clientVpnEndpointOperationSlots } from "@/db/schema";
import { env } from "@/lib/env";
import { ENDPOINT_OPERATION_SLOTS, withEndpointOperation } from "./endpoint-operations";

const db = getDb();
const extraHandles: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(extraHandles.map((handle) => handle.close()));
});

/** Two databases: on PostgreSQL each with a pool of its own, as two processes would have. */
function workerDatabases(): Db[] {
  if (database().driver !== "postgres" || !env.DATABASE_URL) return [getDb(), getDb()];
  const handle = openDatabase({ url: env.DATABASE_URL });
  extraHandles.push(handle);
  return [getDb(), handle.db];
}

const slotsOf = (endpointId: string) => db.$count(clientVpnEndpointOperationSlots, eq(clientVpnEndpointOperationSlots.clientVpnEndpointId, endpointId));

/** Stands in for AWS: counts the calls in flight on the endpoint and the most seen at once. */
function endpointInFlight() {
  let now = 0;
  let most = 0;
  return {
    get most() {
      return most;
    },
    async terminate(ms: number) {
      now += 1;
      most = Math.max(most, now);
      await new Promise((resolve) => setTimeout(resolve, ms));
      now -= 1;
    },
  };
}

describe("operations on one Client VPN endpoint", () => {
  it("runs 20 concurrent terminations from two processes at most 10 at a time, and all of them", async () => {
    const endpointId = "cvpn-endpoint-0aaaaaaaaaaaaaaa1";
    const aws = endpointInFlight();
    const dbs = workerDatabases();
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) => withEndpointOperation(dbs[i % dbs.length] ?? db, endpointId, async () => (await aws.terminate(40), i))),
    );
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(aws.most).toBeLessThanOrEqual(ENDPOINT_OPERATION_SLOTS);
    // They did overlap: the limit, not chance, kept them within it.
    expect(aws.most).toBeGreaterThan(1);
    expect(await slotsOf(endpointId)).toBe(0);
  });

  it("keeps each endpoint's limit to itself", async () => {
    const aws = endpointInFlight();
    await Promise.all(
      ["cvpn-endpoint-0bbbbbbbbbbbbbbb1", "cvpn-endpoint-0bbbbbbbbbbbbbbb2"].flatMap((endpointId) =>
        Array.from({ length: 4 }, () => withEndpointOperation(db, endpointId, () => aws.terminate(40), { slots: 2 })),
      ),
    );
    expect(aws.most).toBeLessThanOrEqual(4);
  });

  it("frees the slot when the call fails, and takes over a slot whose holder died", async () => {
    const endpointId = "cvpn-endpoint-0ccccccccccccccc1";
    await expect(withEndpointOperation(db, endpointId, () => Promise.reject(new Error("AWS said no")), { slots: 1 })).rejects.toThrow("AWS said no");
    expect(await slotsOf(endpointId)).toBe(0);

    await db.insert(clientVpnEndpointOperationSlots).values({ clientVpnEndpointId: endpointId, slot: 0, holder: crypto.randomUUID(), leaseExpiresAt: new Date(Date.now() - 1_000) });
    await expect(withEndpointOperation(db, endpointId, async () => "ran", { slots: 1, waitMs: 5_000 })).resolves.toBe("ran");
    expect(await slotsOf(endpointId)).toBe(0);
  });

  it("answers as AWS would when the endpoint stays busy past the wait", async () => {
    const endpointId = "cvpn-endpoint-0ddddddddddddddd1";
    await db.insert(clientVpnEndpointOperationSlots).values({ clientVpnEndpointId: endpointId, slot: 0, holder: crypto.randomUUID(), leaseExpiresAt: new Date(Date.now() + 60_000) });
    let ran = false;
    await expect(withEndpointOperation(db, endpointId, async () => void (ran = true), { slots: 1, waitMs: 200 })).rejects.toMatchObject({ Code: "ConcurrentMutationLimitExceeded" });
    expect(ran).toBe(false);
  });
});
