import type { AwsService, RequestBucket } from "./aws-request-buckets";
import { requestBucketFor } from "./aws-request-buckets";

/**
 * Client-side token buckets per (account, region, bucket), mirroring AWS's own, so bulk work waits
 * for a token instead of failing on RequestLimitExceeded. All tenants share one provider account's
 * buckets, and so do all Onramp processes: each takes 1/N of the burst and refill, N being the live
 * workers (worker_heartbeats, kept current by the executor).
 *
 * Tokens are reserved ahead: a caller takes a token even when the bucket is empty (it goes
 * negative) and sleeps until its token has refilled. Callers are served in arrival order and a
 * waiting caller costs nothing but a timer.
 */
const DEFAULT_SCALE = 0.95;

interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiterOptions {
  /** Milliseconds, monotonic. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Multiplies every bucket's burst and refill. The default keeps a 5% margin: AWS's bucket and
   * ours never start at the same instant, and other clients of the account (console, CLI) draw
   * from the same buckets.
   */
  scale?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly scale: number;
  private share = 1;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.scale = options.scale ?? DEFAULT_SCALE;
    if (!(this.scale > 0)) throw new Error("The rate limiter's scale must be positive.");
  }

  /** Divides every bucket among this many live workers (at least 1). */
  setLiveWorkers(count: number): void {
    this.share = 1 / Math.max(1, Math.floor(count));
  }

  /** This process's part of a bucket, after scale and share. */
  effective(bucket: RequestBucket): { burst: number; refillPerSecond: number } {
    const factor = this.scale * this.share;
    return { burst: bucket.burst * factor, refillPerSecond: bucket.refillPerSecond * factor };
  }

  /** Takes a token now; returns how long the caller must wait before using it (0 when one was there). */
  reserve(accountId: string, region: string, bucket: RequestBucket): number {
    const { burst, refillPerSecond } = this.effective(bucket);
    const key = `${accountId}:${region}:${bucket.name}`;
    const now = this.clock();
    const state = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    const refilled = Math.min(burst, state.tokens + ((now - state.updatedAt) / 1000) * refillPerSecond);
    const tokens = refilled - 1;
    this.buckets.set(key, { tokens, updatedAt: now });
    return tokens >= 0 ? 0 : Math.ceil((-tokens / refillPerSecond) * 1000);
  }

  async acquire(accountId: string, region: string, service: AwsService, action: string): Promise<void> {
    const waitMs = this.reserve(accountId, region, requestBucketFor(service, action));
    if (waitMs > 0) await this.sleep(waitMs);
  }
}

// One limiter per process: every client of an account and region must draw from the same buckets.
const globalKey = Symbol.for("onramp.engine.rate-limiter");
type GlobalWithLimiter = typeof globalThis & { [globalKey]?: RateLimiter };

export function processRateLimiter(): RateLimiter {
  const g = globalThis as GlobalWithLimiter;
  g[globalKey] ??= new RateLimiter();
  return g[globalKey];
}
