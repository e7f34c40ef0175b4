import { DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { workerHeartbeats } from "@/db/schema";
import { createSandboxCloud } from "@/lib/sandbox/cloud";
import { beat, liveWorkerCount, retire } from "./heartbeats";
import { RateLimiter } from "./rate-limiter";
import { withRateLimit } from "./with-rate-limit";

/** Against a sandbox that enforces EC2's request buckets, through the real SDK. */
const cloud = createSandboxCloud({ stateFile: null, profile: "instant", enforceRequestLimits: true, seed: 3 });
afterAll(() => cloud.close());

let nextAccount = 444_000_000_000;
const ACCOUNT_LIMIT = 100; // DescribeVpcs draws from the non-mutating bucket: burst 100, 20 per second.

function client(accountId: string): EC2Client {
  // No SDK retries: every throttled call shows.
  return new EC2Client({ region: "us-east-1", credentials: cloud.credentialsFor(accountId), requestHandler: cloud.requestHandler(), maxAttempts: 1 });
}

async function describeMany(ec2: EC2Client, count: number): Promise<number> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => ec2.send(new DescribeVpcsCommand({}))));
  return results.filter((r) => r.status === "rejected").length;
}

const throttledIn = (accountId: string) => cloud.calls().filter((c) => c.accountId === accountId && c.errorCode === "RequestLimitExceeded").length;

describe("the client-side rate limiter", () => {
  it("is needed: past the burst, AWS throttles", async () => {
    const accountId = String((nextAccount += 1));
    expect(await describeMany(client(accountId), ACCOUNT_LIMIT + 30)).toBeGreaterThanOrEqual(25);
    expect(throttledIn(accountId)).toBeGreaterThanOrEqual(25);
  });

  it("keeps a client within the account's bucket, so nothing is throttled", async () => {
    const accountId = String((nextAccount += 1));
    const ec2 = withRateLimit(client(accountId), accountId, "us-east-1", new RateLimiter());
    const started = performance.now();
    expect(await describeMany(ec2, ACCOUNT_LIMIT + 30)).toBe(0);
    expect(throttledIn(accountId)).toBe(0);
    // 30 beyond the burst at 20 per second: about 1.5 s, and not much more.
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it("divides the bucket among live workers, so together they stay within it", async () => {
    const accountId = String((nextAccount += 1));
    const limiters = [new RateLimiter(), new RateLimiter()];
    for (const limiter of limiters) limiter.setLiveWorkers(2);
    const failures = await Promise.all(limiters.map((limiter) => describeMany(withRateLimit(client(accountId), accountId, "us-east-1", limiter), 65)));
    expect(failures).toEqual([0, 0]);
    expect(throttledIn(accountId)).toBe(0);
  });

  it("counts live workers from their heartbeats", async () => {
    const db = getDb();
    expect(await beat(db, "process-a")).toBe(1);
    expect(await beat(db, "process-b")).toBe(2);
    // A worker not seen for a minute has died: it no longer takes a share.
    await db.insert(workerHeartbeats).values({ workerId: "process-dead", lastSeenAt: sql`now() - interval '1 minute'` });
    expect(await liveWorkerCount(db)).toBe(2);
    await retire(db, "process-b");
    expect(await beat(db, "process-a")).toBe(1);
  });
});
