import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { planSteps } from "@/db/schema";
import { runUntilIdle, startEngineWorker, type EngineOptions } from "@/lib/engine/executor";
import type { Plan } from "@/lib/engine/plan";
import { loadRunView } from "@/lib/engine/runs";

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

/**
 * The whole case most crash tests make: a worker dies at `at`, leaving the step running under its
 * lease; a successor running `successor` (the same plans without checkpoints) takes the run over
 * once the lease lapses and finishes it, the crashed step having run again. Returns the dead
 * worker's id.
 */
export async function crashThenResume<Point extends string>(
  db: Db,
  crash: WorkerCrash<Point>,
  at: CheckpointAt<Point> & { stepName: string },
  options: Omit<EngineOptions, "plans"> & { doomed: Plan[]; successor: Plan[]; leaseMs: number; timeoutMs?: number },
): Promise<string> {
  const { doomed, successor, timeoutMs, ...engine } = options;
  const dead = await crash.crashAt(db, at, { ...engine, plans: doomed });
  const [held] = await db.select().from(planSteps).where(and(eq(planSteps.runId, at.runId), eq(planSteps.name, at.stepName)));
  expect(held).toMatchObject({ status: "running", leaseOwner: dead });

  await runUntilIdle(db, { ...engine, plans: successor, workerId: "successor", runIds: [at.runId], timeoutMs });
  const view = await loadRunView(db, at.runId);
  expect(view?.error).toBeNull();
  expect(view?.status).toBe("succeeded");
  expect(view?.steps.find((step) => step.name === at.stepName)?.attempts).toBeGreaterThanOrEqual(2);
  return dead;
}

function parkForever(): Promise<never> {
  return new Promise<never>(() => undefined);
}
