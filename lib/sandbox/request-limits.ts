export interface BucketSpec {
  /** Buckets of the same name share tokens within one account and region. */
  name: string;
  burst: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * AWS's request token buckets, per account, region and bucket. They refill on the clock given:
 * real time by default, or the bench's scaled time (SandboxCloud.setRequestLimits), so that bulk
 * work meets them as it would at AWS speed.
 */
export class RequestLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Takes one token; false when the bucket is empty (the call is throttled). */
  take(accountId: string, region: string, spec: BucketSpec): boolean {
    const key = `${accountId}:${region}:${spec.name}`;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: spec.burst, updatedAt: now };
    const refilled = Math.min(spec.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * spec.refillPerSecond);
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, updatedAt: now });
    return allowed;
  }
}
