import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

const bucket = { name: "test", burst: 10, refillPerSecond: 5 };

function fakeClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter", () => {
  it("spends the burst at once, then spaces callers by the refill rate in arrival order", () => {
    const time = fakeClock();
    const limiter = new RateLimiter({ clock: time.clock, scale: 1 });
    const waits = Array.from({ length: 13 }, () => limiter.reserve("111111111111", "us-east-1", bucket));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([200, 400, 600]);
    time.advance(1_000);
    // 1 s refilled 5 tokens; 3 were already promised, so 2 are free.
    expect(limiter.reserve("111111111111", "us-east-1", bucket)).toBe(0);
    expect(limiter.reserve("111111111111", "us-east-1", bucket)).toBe(0);
    expect(limiter.reserve("111111111111", "us-east-1", bucket)).toBe(200);
  });

  it("refills up to the burst and no further", () => {
    const time = fakeClock();
    const limiter = new RateLimiter({ clock: time.clock, scale: 1 });
    limiter.reserve("a", "r", bucket);
    time.advance(60_000);
    const waits = Array.from({ length: 11 }, () => limiter.reserve("a", "r", bucket));
    expect(waits.filter((w) => w === 0)).toHaveLength(10);
  });

  it("keeps separate buckets per account, region and bucket name", () => {
    const limiter = new RateLimiter({ clock: () => 0, scale: 1 });
    for (let i = 0; i < 10; i += 1) limiter.reserve("a", "us-east-1", bucket);
    expect(limiter.reserve("a", "us-east-1", bucket)).toBeGreaterThan(0);
    expect(limiter.reserve("b", "us-east-1", bucket)).toBe(0);
    expect(limiter.reserve("a", "eu-west-1", bucket)).toBe(0);
    expect(limiter.reserve("a", "us-east-1", { ...bucket, name: "other" })).toBe(0);
  });

  it("takes 1/N of burst and refill when N workers share the account", () => {
    const limiter = new RateLimiter({ clock: () => 0, scale: 1 });
    limiter.setLiveWorkers(2);
    expect(limiter.effective(bucket)).toEqual({ burst: 5, refillPerSecond: 2.5 });
    const waits = Array.from({ length: 6 }, () => limiter.reserve("a", "r", bucket));
    expect(waits).toEqual([0, 0, 0, 0, 0, 400]);
    limiter.setLiveWorkers(0);
    expect(limiter.effective(bucket)).toEqual({ burst: 10, refillPerSecond: 5 });
  });

  it("keeps a 5% margin under AWS's figures by default", () => {
    const limiter = new RateLimiter();
    expect(limiter.effective({ name: "ec2:non-mutating", burst: 100, refillPerSecond: 20 })).toEqual({ burst: 95, refillPerSecond: 19 });
  });

  it("never lets N sharing workers exceed the bucket together", () => {
    const workers = [0, 1, 2].map(() => new RateLimiter({ clock: () => 0, scale: 1 }));
    for (const worker of workers) worker.setLiveWorkers(3);
    // 300 callers arrive at once; each call happens when its reservation says.
    const callTimes = workers.flatMap((worker) => Array.from({ length: 100 }, () => worker.reserve("a", "r", bucket)));
    for (const horizonMs of [0, 1_000, 5_000, 20_000]) {
      const made = callTimes.filter((at) => at <= horizonMs).length;
      expect(made).toBeLessThanOrEqual(bucket.burst + (bucket.refillPerSecond * horizonMs) / 1000 + 1);
    }
  });

  it("makes acquire wait for its token", async () => {
    const slept: number[] = [];
    const limiter = new RateLimiter({ clock: () => 0, scale: 1, sleep: async (ms) => void slept.push(ms) });
    for (let i = 0; i < 51; i += 1) await limiter.acquire("a", "us-east-1", "ec2", "CreateVpc");
    expect(slept).toEqual([200]);
  });
});
