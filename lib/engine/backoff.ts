/**
 * Delays between attempts of a step. Waiting for AWS (a resource still pending) starts from the
 * step's own hint and grows 1.5x per check; errors worth retrying grow exponentially with full
 * jitter (AWS's recommendation, so workers that failed together do not retry together). Both are
 * capped: a step waits or retries for as long as it takes, but is never forgotten for long.
 */
export interface BackoffSettings {
  /** First retry delay after a transient error. */
  retryBaseMs: number;
  /** Longest delay between retries. */
  retryMaxMs: number;
  /** Longest delay between checks of a waiting step. */
  waitMaxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  waitMaxMs: 60_000,
};

/** Delay before the next check of a waiting step, after `waits` earlier checks said "not yet". */
export function waitDelayMs(recheckAfterMs: number, waits: number, settings: BackoffSettings): number {
  const hint = Math.max(0, recheckAfterMs);
  return Math.round(Math.min(settings.waitMaxMs, hint * 1.5 ** Math.max(0, waits)));
}

/** Delay before retry number `retries` (1 for the first), drawn uniformly from [0, capped exponential]. */
export function retryDelayMs(retries: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, retries - 1));
  return Math.round(random() * ceiling);
}
