import { describe, expect, it } from "vitest";
import { RequestLimiter } from "@/lib/sandbox/request-limits";

describe("request token buckets", () => {
  it("allows the burst, then throttles, then refills at the bucket's rate per account and region", () => {
    let now = 0;
    const limiter = new RequestLimiter(() => now);
    const spec = { name: "vpc-endpoint", burst: 4, refillPerSecond: 0.3 };
    const results = Array.from({ length: 5 }, () => limiter.take("111122223333", "us-east-1", spec));
    expect(results).toEqual([true, true, true, true, false]);
    expect(limiter.take("444455556666", "us-east-1", spec)).toBe(true);
    expect(limiter.take("111122223333", "eu-west-1", spec)).toBe(true);
    now += 3000;
    expect(limiter.take("111122223333", "us-east-1", spec)).toBe(false);
    now += 400;
    expect(limiter.take("111122223333", "us-east-1", spec)).toBe(true);
    expect(limiter.take("111122223333", "us-east-1", spec)).toBe(false);
    now += 60_000;
    expect(Array.from({ length: 5 }, () => limiter.take("111122223333", "us-east-1", spec))).toEqual([true, true, true, true, false]);
  });
});
