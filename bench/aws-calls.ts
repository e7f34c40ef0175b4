import { requestBucketFor, type AwsService, type RequestBucket } from "@/lib/engine/aws-request-buckets";
import type { CallRecord } from "@/lib/sandbox/call-log";

/** What the sandbox's call log says about a batch of AWS calls: retries, throttling, bucket use. */

const THROTTLING = new Set(["RequestLimitExceeded", "ThrottlingException", "Throttling"]);

export interface CallSummary {
  total: number;
  /** Re-sends by the AWS SDK itself (attempt 2 and up). */
  sdkRetries: number;
  throttled: number;
  /** Other refusals worth a retry: AWS's internal errors and unavailability (5xx). */
  serverErrors: number;
}

export function summarizeCalls(calls: readonly CallRecord[]): CallSummary {
  return {
    total: calls.length,
    sdkRetries: calls.filter((call) => (call.attempt ?? 1) > 1).length,
    throttled: calls.filter((call) => call.errorCode !== undefined && THROTTLING.has(call.errorCode)).length,
    serverErrors: calls.filter((call) => call.status >= 500 && !(call.errorCode !== undefined && THROTTLING.has(call.errorCode))).length,
  };
}

function serviceOf(call: CallRecord): AwsService | null {
  return call.service === "ec2" || call.service === "route53resolver" ? call.service : null;
}

export interface BucketThroughput {
  bucket: RequestBucket;
  /** Calls the bucket let through (throttled ones take no token). */
  admitted: number;
  throttled: number;
  /** From the bucket's first call to its last, in AWS time. */
  awsSeconds: number;
  /** Admitted calls per second of AWS time. */
  perSecond: number;
  /** The most the bucket lets through in that span: its burst, then its refill. */
  allowed: number;
  /** admitted / allowed. */
  utilization: number;
}

/**
 * Per request bucket (the engine's table of AWS's buckets), how much of what it allowed the calls
 * used. `timeScale` converts the sandbox's scaled time back to AWS time. Only the calls of one
 * account and region should be passed: buckets are per account and region.
 */
export function bucketThroughput(calls: readonly CallRecord[], timeScale: number): BucketThroughput[] {
  const byBucket = new Map<string, { bucket: RequestBucket; calls: CallRecord[] }>();
  for (const call of calls) {
    const service = serviceOf(call);
    if (!service) continue;
    const bucket = requestBucketFor(service, call.action);
    const entry = byBucket.get(bucket.name) ?? { bucket, calls: [] };
    entry.calls.push(call);
    byBucket.set(bucket.name, entry);
  }
  return [...byBucket.values()].map(({ bucket, calls: used }) => {
    const times = used.map((call) => call.at);
    const awsSeconds = (Math.max(...times) - Math.min(...times)) / 1000 / timeScale;
    const throttled = used.filter((call) => call.errorCode !== undefined && THROTTLING.has(call.errorCode)).length;
    const admitted = used.length - throttled;
    const allowed = bucket.burst + bucket.refillPerSecond * awsSeconds;
    return { bucket, admitted, throttled, awsSeconds, perSecond: awsSeconds > 0 ? admitted / awsSeconds : 0, allowed, utilization: admitted / allowed };
  });
}
