import type { Lifecycle } from "@/lib/sandbox/state/schema";

/** The state a resource is in at `now`, evaluating its pending transition lazily. */
export function stateAt(lifecycle: Lifecycle, now: number): string {
  return lifecycle.next && now >= lifecycle.next.at ? lifecycle.next.state : lifecycle.state;
}

/**
 * `from` now, `to` after `durationMs` (at once when the duration is 0: the instant profile). The
 * arrival time is kept even then, so "deleted" resources stay listed for the retention window.
 */
export function moving(from: string, to: string, now: number, durationMs: number): Lifecycle {
  return { state: from, next: { state: to, at: now + Math.max(durationMs, 0) } };
}

/** Folds a completed transition into the state, before starting a new one from it. */
export function settle(lifecycle: Lifecycle, now: number): Lifecycle {
  return { state: stateAt(lifecycle, now) };
}

/** Deleted resources stay listed for a while before they vanish, as AWS shows them. */
export const DELETED_RETENTION_MS = 10 * 60 * 1000;

/** Whether Describe calls still list a resource whose final state is `gone` (usually "deleted"). */
export function isListed(lifecycle: Lifecycle, now: number, gone = "deleted"): boolean {
  if (stateAt(lifecycle, now) !== gone) return true;
  const goneAt = lifecycle.next?.state === gone ? lifecycle.next.at : undefined;
  return goneAt !== undefined && now < goneAt + DELETED_RETENTION_MS;
}
