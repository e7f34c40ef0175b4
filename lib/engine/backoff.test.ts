import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, retryDelayMs, waitDelayMs } from "./backoff";

describe("backoff", () => {
  it("rechecks a waiting step 1.5x later each time, from its hint, up to the cap", () => {
    const settings = { ...DEFAULT_BACKOFF, waitMaxMs: 10_000 };
    expect([0, 1, 2, 3].map((waits) => waitDelayMs(1_000, waits, settings))).toEqual([1_000, 1_500, 2_250, 3_375]);
    expect(waitDelayMs(1_000, 50, settings)).toBe(10_000);
  });

  it("retries with full jitter under an exponential ceiling that is capped", () => {
    const settings = { ...DEFAULT_BACKOFF, retryBaseMs: 100, retryMaxMs: 1_000 };
    expect(retryDelayMs(1, settings, () => 0.999999)).toBe(100);
    expect(retryDelayMs(3, settings, () => 0.5)).toBe(200);
    expect(retryDelayMs(20, settings, () => 0.999999)).toBe(1_000);
    expect(retryDelayMs(20, settings, () => 0)).toBe(0);
  });
});
