import type { Db } from "@/db/client";
import { startEngineWorker, type EngineOptions } from "@/lib/engine/executor";

/**
 * Kills an engine worker at a checkpoint of a run, as a crashed process leaves it: the step claimed,
 * its lease held, an AWS create maybe made and never recorded. Build the doomed plan with
 * `checkpoint` and let the successor run the same plan built without it.
 *
 * A dead worker's run stays dead for it: under load its lease can lapse before the test stops it,
 * and its own poll loop (or a step of the run it still had in flight) would carry on, which a dead
 * process never does; every later checkpoint of the run parks that worker's work for good.
 */
export interface CheckpointAt<Point extends string> {
  runId: string;
  /** Omitted by plans of one step. */
  stepName?: string;
  point: Point;
}

export class WorkerCrash<Point extends string> {
  private target: (CheckpointAt<Point> & { reached(): void }) | null = null;
  private readonly deadRuns = new Set<string>();

  /** The doomed plan's checkpoint. */
  readonly checkpoint = async (at: CheckpointAt<Point>): Promise<void> => {
    if (this.deadRuns.has(at.runId)) return parkForever();
    const target = this.target;
    if (!target || target.runId !== at.runId || target.point !== at.point) return;
    if (target.stepName !== undefined && target.stepName !== at.stepName) return;
    this.target = null;
    this.deadRuns.add(at.runId);
    target.reached();
    return parkForever();
  };

  /**
   * Starts a worker on the doomed plans (`options.plans`) and returns its id once it died at `at`;
   * the worker is stopped, the step still running under its lease.
   */
  async crashAt(db: Db, at: CheckpointAt<Point>, options: EngineOptions & { leaseMs: number }): Promise<string> {
    const reached = new Promise<void>((resolve) => {
      this.target = { ...at, reached: resolve };
    });
    const doomed = startEngineWorker({ db, ...options, workerId: `doomed-${at.stepName ?? "step"}-${at.point}-${at.runId.slice(0, 8)}` });
    await reached;
    await doomed.stop({ graceMs: 0 });
    return doomed.workerId;
  }
}

function parkForever(): Promise<never> {
  return new Promise<never>(() => undefined);
}
