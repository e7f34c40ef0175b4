import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { getDb, type Db, type Tx } from "@/db/client";
import { planRuns, planSteps, type JsonObject, type PlanStepStatus } from "@/db/schema";
import { awsErrorCode, isAwsError, isNotFound, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { DEFAULT_BACKOFF, retryDelayMs, waitDelayMs, type BackoffSettings } from "./backoff";
import { beat, retire } from "./heartbeats";
import { idempotencyToken } from "./idempotency";
import type { Plan, RuntimeContext, StepOutcome } from "./plan";
import { processRateLimiter, type RateLimiter } from "./rate-limiter";
import { ACTIVE_RUN_STATUSES, FINISHED_STEP_STATUSES } from "./runs";
import { onWake } from "./wake";

/**
 * The engine's executor: claims ready steps from the database, runs them in parallel up to a
 * concurrency limit, and writes each outcome back.
 *
 * Claims are row leases taken with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`: any
 * number of workers, in any number of processes on one PostgreSQL, each get different steps and
 * never wait on each other. This is plain SQL through drizzle, so it works the same on
 * node-postgres and on embedded PGlite (where there is one connection and SKIP LOCKED never has
 * anything to skip). A Postgres job queue such as pg-boss or graphile-worker would need its own
 * connection pool and cannot use PGlite in process, which is the embedded default.
 *
 * A worker renews the leases of the steps it runs; a worker that dies stops renewing and, once a
 * lease expires, any worker takes the step over. Every outcome is written with a compare-and-set
 * on (lease_owner, attempts), so a worker whose lease was taken over cannot write.
 */
export interface EngineOptions {
  /** The plans this worker runs; steps of runs of other plans are left to workers that know them. */
  plans: readonly Plan[];
  /** Unique per worker; defaults to host, pid and a random suffix. */
  workerId?: string;
  /** Steps run at once by this worker. */
  concurrency?: number;
  /** How often an idle worker looks for work (local wake-ups come at once). */
  pollMs?: number;
  /** How long a claim lasts without renewal; renewed every third of it while the step runs. */
  leaseMs?: number;
  backoff?: Partial<BackoffSettings>;
  /**
   * EC2 is eventually consistent: right after a create, other calls may answer NotFound for a while
   * (AWS-FACTS.md). A provisioning step meeting NotFound is retried this many times before it fails.
   */
  notFoundRetries?: number;
  limiter?: RateLimiter;
  /** How often the worker refreshes its heartbeat and its share of the rate limits. */
  heartbeatMs?: number;
  random?: () => number;
}

const DEFAULTS = {
  concurrency: 8,
  pollMs: 1_000,
  leaseMs: 60_000,
  notFoundRetries: 10,
  heartbeatMs: 10_000,
};

const after = (ms: number) => sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;

interface ClaimedStep {
  id: string;
  runId: string;
  name: string;
  attempts: number;
  retries: number;
  waits: number;
  resourceIds: Record<string, string>;
  dependsOn: string[];
}

type StepResult =
  | { kind: "done"; outputs: JsonObject; resources?: Record<string, string> }
  | { kind: "wait"; reason: string; recheckAfterMs: number; resources?: Record<string, string> }
  | { kind: "retry"; code: string; message: string }
  | { kind: "fail"; code: string; message: string }
  | { kind: "lost" };

class LeaseLost extends Error {
  constructor() {
    super("The step's lease was taken over by another worker.");
  }
}

const UNEXPECTED_MESSAGE = "Onramp hit an unexpected problem in this step; the details are in the server log.";

function resultOf(outcome: StepOutcome<JsonObject>): StepResult {
  if ("done" in outcome) return { kind: "done", outputs: outcome.done, resources: outcome.resources };
  return { kind: "wait", reason: outcome.wait.reason, recheckAfterMs: outcome.wait.recheckAfterMs, resources: outcome.resources };
}

function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class EngineWorker {
  readonly workerId: string;
  private readonly plans: ReadonlyMap<string, Plan>;
  private readonly concurrency: number;
  readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffSettings;
  private readonly notFoundRetries: number;
  private readonly limiter: RateLimiter;
  readonly heartbeatMs: number;
  private readonly random: () => number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly renewals = new Set<ReturnType<typeof setInterval>>();
  private abandoned = false;
  private executedCount = 0;

  constructor(
    private readonly db: Db,
    options: EngineOptions,
  ) {
    this.workerId = options.workerId ?? defaultWorkerId();
    this.plans = new Map(options.plans.map((plan) => [plan.name, plan]));
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
    this.pollMs = Math.max(1, options.pollMs ?? DEFAULTS.pollMs);
    this.leaseMs = Math.max(100, options.leaseMs ?? DEFAULTS.leaseMs);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.notFoundRetries = options.notFoundRetries ?? DEFAULTS.notFoundRetries;
    this.limiter = options.limiter ?? processRateLimiter();
    this.heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
    this.random = options.random ?? Math.random;
  }

  /** Steps this worker has finished executing (any outcome), for tests and the bench. */
  get executed(): number {
    return this.executedCount;
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /** Resolves when any running step finishes (or at once when none runs). */
  anySettled(): Promise<void> {
    return this.inFlight.size === 0 ? Promise.resolve() : Promise.race(this.inFlight.values());
  }

  allSettled(): Promise<void> {
    return Promise.allSettled(this.inFlight.values()).then(() => undefined);
  }

  /** Registers this worker as live and takes its share of the rate limits. */
  async heartbeat(): Promise<void> {
    if (this.abandoned) return;
    this.limiter.setLiveWorkers(await beat(this.db, this.workerId));
  }

  async retire(): Promise<void> {
    await retire(this.db, this.workerId);
  }

  /**
   * Stops all writes from this worker, as if its process had died: steps still running keep their
   * leases until those expire, and then other workers take them over.
   */
  abandon(): void {
    this.abandoned = true;
    for (const timer of this.renewals) clearInterval(timer);
    this.renewals.clear();
  }

  /** Claims as many ready steps as there are free slots and starts them; returns how many. */
  async fill(): Promise<number> {
    if (this.abandoned) return 0;
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const claimed = await this.claim(free);
    for (const step of claimed) {
      const running = this.execute(step).finally(() => {
        this.inFlight.delete(step.id);
      });
      this.inFlight.set(step.id, running);
    }
    return claimed.length;
  }

  private claimable(): SQL | undefined {
    const activeRuns = this.db
      .select({ id: planRuns.id })
      .from(planRuns)
      .where(and(inArray(planRuns.status, [...ACTIVE_RUN_STATUSES]), inArray(planRuns.plan, [...this.plans.keys()])));
    return and(
      inArray(planSteps.status, ["ready", "waiting", "running"]),
      lte(planSteps.nextAttemptAt, sql`now()`),
      // A running step whose lease expired belongs to a worker that died: take it over.
      or(isNull(planSteps.leaseExpiresAt), lt(planSteps.leaseExpiresAt, sql`now()`)),
      inArray(planSteps.runId, activeRuns),
    );
  }

  private async claim(limit: number): Promise<ClaimedStep[]> {
    if (this.plans.size === 0) return [];
    const candidates = this.db
      .select({ id: planSteps.id })
      .from(planSteps)
      .where(this.claimable())
      .orderBy(asc(planSteps.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const rows = await this.db
      .update(planSteps)
      .set({
        status: "running",
        leaseOwner: this.workerId,
        leaseExpiresAt: after(this.leaseMs),
        attempts: sql`${planSteps.attempts} + 1`,
        startedAt: sql`coalesce(${planSteps.startedAt}, now())`,
      })
      // The condition is repeated: a row another worker claimed meanwhile no longer matches it.
      .where(and(inArray(planSteps.id, candidates), this.claimable()))
      .returning({
        id: planSteps.id,
        runId: planSteps.runId,
        name: planSteps.name,
        attempts: planSteps.attempts,
        retries: planSteps.retries,
        waits: planSteps.waits,
        resourceIds: planSteps.resourceIds,
        dependsOn: planSteps.dependsOn,
      });
    const runIds = [...new Set(rows.map((row) => row.runId))];
    if (runIds.length > 0) {
      await this.db
        .update(planRuns)
        .set({ status: "running", startedAt: sql`coalesce(${planRuns.startedAt}, now())` })
        .where(and(inArray(planRuns.id, runIds), inArray(planRuns.status, ["pending", "waiting"])));
    }
    return rows;
  }

  /** The compare-and-set that makes a write count only while this worker still holds the claim. */
  private held(step: ClaimedStep): SQL | undefined {
    return and(
      eq(planSteps.id, step.id),
      eq(planSteps.leaseOwner, this.workerId),
      eq(planSteps.attempts, step.attempts),
      eq(planSteps.status, "running"),
    );
  }

  private async renew(step: ClaimedStep): Promise<boolean> {
    const rows = await this.db
      .update(planSteps)
      .set({ leaseExpiresAt: after(this.leaseMs) })
      .where(this.held(step))
      .returning({ id: planSteps.id });
    return rows.length > 0;
  }

  private async execute(step: ClaimedStep): Promise<void> {
    const startedAt = performance.now();
    const controller = new AbortController();
    const timer = setInterval(() => {
      this.renew(step)
        .then((held) => {
          if (!held) controller.abort(new LeaseLost());
        })
        .catch((error: unknown) => console.error(`[onramp] renewing the lease of step ${step.name} failed`, error));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    this.renewals.add(timer);
    try {
      const result = await this.runStep(step, controller.signal);
      if (this.abandoned || result.kind === "lost") return;
      await this.record(step, result, performance.now() - startedAt);
    } catch (error) {
      // Reading the step's data or writing its outcome failed (the database is unreachable, say):
      // the lease runs out and another attempt redoes the step, which is safe as steps are idempotent.
      console.error(`[onramp] step ${step.name} of run ${step.runId} could not be run or recorded`, error);
    } finally {
      clearInterval(timer);
      this.renewals.delete(timer);
      this.executedCount += 1;
    }
  }

  private async runStep(step: ClaimedStep, signal: AbortSignal): Promise<StepResult> {
    const [run] = await this.db.select().from(planRuns).where(eq(planRuns.id, step.runId));
    const plan = run ? this.plans.get(run.plan) : undefined;
    const definition = plan?.steps.get(step.name);
    if (!run || !definition) {
      console.error(`[onramp] step ${step.name} of run ${step.runId} is not in this worker's plans`);
      return { kind: "fail", code: "Internal", message: UNEXPECTED_MESSAGE };
    }
    const undoing = run.direction === "deprovision";
    // Resources are tagged with, and tokens derived from, the run that made them.
    const makerRunId = undoing ? (run.reversesRunId ?? run.id) : run.id;
    const outputs = new Map<string, JsonObject | null>();
    const resources: Record<string, string> = { ...step.resourceIds };

    if (undoing) {
      const made = await this.db
        .select({
          name: planSteps.name,
          status: planSteps.status,
          outputs: planSteps.outputs,
          resourceIds: planSteps.resourceIds,
          // The database's clock decides leases, never a worker's.
          leaseLive: sql<boolean>`coalesce(${planSteps.leaseExpiresAt} > now(), false)`,
        })
        .from(planSteps)
        .where(eq(planSteps.runId, makerRunId));
      for (const row of made) outputs.set(row.name, row.status === "succeeded" ? row.outputs : null);
      const own = made.find((row) => row.name === step.name);
      if (own?.status === "running" && own.leaseLive) {
        // The cancelled provisioning run's step is still in flight: let it finish and record what it made.
        return { kind: "wait", reason: "Waiting for the provisioning step to stop.", recheckAfterMs: 1_000 };
      }
      Object.assign(resources, own?.resourceIds, step.resourceIds);
    } else if (step.dependsOn.length > 0) {
      const deps = await this.db
        .select({ name: planSteps.name, outputs: planSteps.outputs })
        .from(planSteps)
        .where(and(eq(planSteps.runId, run.id), inArray(planSteps.name, step.dependsOn)));
      for (const dep of deps) outputs.set(dep.name, dep.outputs);
    }

    const ctx: RuntimeContext = {
      input: run.input,
      runId: run.id,
      connectionId: run.connectionId,
      tenantId: run.tenantId,
      stepName: step.name,
      tags: {
        "onramp:tenant": run.tenantId,
        "onramp:connection": run.connectionId,
        "onramp:run": makerRunId,
        "onramp:step": step.name,
      },
      resources,
      outputs,
      recordResources: async (ids) => {
        if (this.abandoned || signal.aborted) throw new LeaseLost();
        const rows = await this.db
          .update(planSteps)
          .set({ resourceIds: sql`${planSteps.resourceIds} || ${JSON.stringify(ids)}::jsonb` })
          .where(this.held(step))
          .returning({ id: planSteps.id });
        if (rows.length === 0) throw new LeaseLost();
        Object.assign(resources, ids);
      },
      idempotencyToken: (purpose) => idempotencyToken(makerRunId, step.name, undoing ? `undo:${purpose ?? "delete"}` : purpose),
      limiter: this.limiter,
      now: () => new Date(),
      signal,
    };

    try {
      return resultOf(undoing ? await definition.undo(ctx) : await definition.run(ctx));
    } catch (error) {
      return this.classify(error, step, undoing, signal);
    }
  }

  private classify(error: unknown, step: ClaimedStep, undoing: boolean, signal: AbortSignal): StepResult {
    if (error instanceof LeaseLost || signal.aborted || this.abandoned) return { kind: "lost" };
    if (isAwsError(error)) {
      const code = awsErrorCode(error);
      if (isTransient(error)) return { kind: "retry", code, message: `AWS is busy or unavailable right now (${code}); Onramp will retry.` };
      if (!undoing && isNotFound(error) && step.retries < this.notFoundRetries) {
        return { kind: "retry", code, message: `AWS does not show a resource it just made yet (${code}); Onramp will retry.` };
      }
      return { kind: "fail", code, message: safeAwsMessage(error) };
    }
    console.error(`[onramp] step ${step.name} of run ${step.runId} failed unexpectedly`, error);
    return { kind: "fail", code: "Internal", message: UNEXPECTED_MESSAGE };
  }

  private async record(step: ClaimedStep, result: Exclude<StepResult, { kind: "lost" }>, elapsedMs: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Outcomes of one run are written one at a time, so promoting dependents never misses a
      // step that finished concurrently.
      const [run] = await tx.select().from(planRuns).where(eq(planRuns.id, step.runId)).for("update");
      if (!run) return;
      const released = {
        leaseOwner: null,
        leaseExpiresAt: null,
        activeMs: sql`${planSteps.activeMs} + ${Math.round(elapsedMs)}`,
      };
      const resources = (ids: Record<string, string> | undefined) =>
        ids && Object.keys(ids).length > 0 ? { resourceIds: sql`${planSteps.resourceIds} || ${JSON.stringify(ids)}::jsonb` } : {};

      let set: PgUpdateSetSource<typeof planSteps>;
      if (result.kind === "done") {
        set = {
          ...released,
          ...resources(result.resources),
          status: run.direction === "provision" ? "succeeded" : "undone",
          outputs: run.direction === "provision" ? result.outputs : undefined,
          finishedAt: sql`now()`,
          retries: 0,
          waitReason: null,
          errorCode: null,
          errorMessage: null,
        };
      } else if (result.kind === "wait") {
        const delay = waitDelayMs(result.recheckAfterMs, step.waits, this.backoff);
        set = {
          ...released,
          ...resources(result.resources),
          status: "waiting",
          waits: step.waits + 1,
          retries: 0,
          nextAttemptAt: after(delay),
          waitReason: result.reason,
          errorCode: null,
          errorMessage: null,
        };
      } else if (result.kind === "retry") {
        set = {
          ...released,
          status: "ready",
          retries: step.retries + 1,
          nextAttemptAt: after(retryDelayMs(step.retries + 1, this.backoff, this.random)),
          errorCode: result.code,
          errorMessage: result.message,
        };
      } else {
        set = { ...released, status: "failed", finishedAt: sql`now()`, errorCode: result.code, errorMessage: result.message };
      }
      const written = await tx.update(planSteps).set(set).where(this.held(step)).returning({ id: planSteps.id });
      if (written.length === 0) return;

      const active = ACTIVE_RUN_STATUSES.includes(run.status);
      if (result.kind === "fail") {
        if (active) {
          await tx
            .update(planRuns)
            .set({ status: "failed", finishedAt: sql`now()`, errorStep: step.name, errorCode: result.code, errorMessage: result.message })
            .where(eq(planRuns.id, run.id));
          await this.plans.get(run.plan)?.onRunFailed?.(tx, {
            runId: run.id,
            connectionId: run.connectionId,
            tenantId: run.tenantId,
            direction: run.direction,
            step: step.name,
            code: result.code,
            message: result.message,
          });
        }
        return;
      }
      const steps = await promoteReadySteps(tx, run.id);
      if (active) await settleRunStatus(tx, run.id, steps);
    });
  }
}

/** Marks pending steps whose dependencies have all finished as ready; returns the run's step states. */
async function promoteReadySteps(tx: Tx, runId: string): Promise<Map<string, PlanStepStatus>> {
  const rows = await tx.select({ id: planSteps.id, name: planSteps.name, status: planSteps.status, dependsOn: planSteps.dependsOn }).from(planSteps).where(eq(planSteps.runId, runId));
  const status = new Map(rows.map((row) => [row.name, row.status]));
  const finished = (name: string) => {
    const s = status.get(name);
    return s !== undefined && FINISHED_STEP_STATUSES.includes(s);
  };
  const ready = rows.filter((row) => row.status === "pending" && row.dependsOn.every(finished));
  if (ready.length > 0) {
    await tx
      .update(planSteps)
      .set({ status: "ready", nextAttemptAt: sql`now()` })
      .where(and(eq(planSteps.status, "pending"), inArray(planSteps.id, ready.map((row) => row.id))));
    for (const row of ready) status.set(row.name, "ready");
  }
  return status;
}

async function settleRunStatus(tx: Tx, runId: string, steps: Map<string, PlanStepStatus>): Promise<void> {
  const all = [...steps.values()];
  if (all.every((s) => FINISHED_STEP_STATUSES.includes(s))) {
    await tx.update(planRuns).set({ status: "succeeded", finishedAt: sql`now()` }).where(eq(planRuns.id, runId));
    return;
  }
  const moving = all.some((s) => s === "ready" || s === "running");
  const status = moving || !all.includes("waiting") ? "running" : "waiting";
  await tx.update(planRuns).set({ status }).where(eq(planRuns.id, runId));
}

export interface EngineWorkerHandle {
  readonly workerId: string;
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /**
   * Stops claiming and waits for running steps up to `graceMs` (default: as long as they take);
   * steps still running then are abandoned to lease expiry, for another worker to take over.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

interface Loop {
  wake(): void;
  idle(ms: number): Promise<void>;
}

function loopSignals(worker: EngineWorker): Loop {
  let wake: () => void = () => undefined;
  return {
    wake: () => wake(),
    idle: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = () => undefined;
          resolve();
        }
        wake = done;
        if (worker.busy > 0) void worker.anySettled().then(done);
      }),
  };
}

/** The background worker of this process. Never throws; several may run against one database. */
export function startEngineWorker(options: EngineOptions & { db?: Db }): EngineWorkerHandle {
  const db = options.db ?? getDb();
  const worker = new EngineWorker(db, options);
  const signals = loopSignals(worker);
  const stopWaking = onWake(signals.wake);
  let stopped = false;
  let lastBeat = 0;

  const loop = (async () => {
    while (!stopped) {
      try {
        if (performance.now() - lastBeat >= worker.heartbeatMs) {
          await worker.heartbeat();
          lastBeat = performance.now();
        }
        const claimed = await worker.fill();
        if (claimed > 0 && worker.busy < (options.concurrency ?? DEFAULTS.concurrency)) continue;
      } catch (error) {
        console.error("[onramp] engine worker loop error", error);
      }
      if (stopped) break;
      await signals.idle(worker.pollMs);
    }
  })();

  return {
    workerId: worker.workerId,
    wake: signals.wake,
    async stop(stopOptions = {}) {
      stopped = true;
      stopWaking();
      signals.wake();
      await loop;
      const grace = stopOptions.graceMs;
      if (grace === undefined) await worker.allSettled();
      else await Promise.race([worker.allSettled(), sleep(grace)]);
      if (worker.busy > 0) {
        worker.abandon();
        return;
      }
      await worker.retire().catch((error: unknown) => console.error("[onramp] retiring the engine worker failed", error));
    },
  };
}

export interface RunUntilIdleOptions extends EngineOptions {
  /** Only wait for these runs to end (default: every active run). */
  runIds?: readonly string[];
  /** Give up (throw) after this long. */
  timeoutMs?: number;
}

/**
 * Runs steps in the calling task until no run (of `runIds`, or at all) is active any more: every
 * one succeeded, failed or was cancelled. For tests, the bench and scripts.
 */
export async function runUntilIdle(db: Db, options: RunUntilIdleOptions): Promise<{ stepsExecuted: number }> {
  const worker = new EngineWorker(db, options);
  const signals = loopSignals(worker);
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  const scope = options.runIds ? inArray(planRuns.id, [...options.runIds]) : undefined;
  let lastBeat = performance.now();
  await worker.heartbeat();
  try {
    for (;;) {
      if (performance.now() - lastBeat >= worker.heartbeatMs) {
        await worker.heartbeat();
        lastBeat = performance.now();
      }
      const claimed = await worker.fill();
      if (claimed > 0) continue;
      if (worker.busy === 0) {
        const [active] = await db
          .select({ id: planRuns.id })
          .from(planRuns)
          .where(and(inArray(planRuns.status, [...ACTIVE_RUN_STATUSES]), scope))
          .limit(1);
        if (!active) return { stepsExecuted: worker.executed };
      }
      if (performance.now() > deadline) throw new Error(`runUntilIdle: runs still active after ${options.timeoutMs ?? 60_000} ms.`);
      await signals.idle(worker.pollMs);
    }
  } finally {
    if (worker.busy === 0) await worker.retire();
    else worker.abandon();
  }
}
