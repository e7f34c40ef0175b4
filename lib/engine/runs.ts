import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { planRuns, planSteps, type JsonObject, type PlanRunStatus, type PlanStepStatus } from "@/db/schema";
import { isUniqueViolation } from "@/lib/dal/unique-violation";
import { AppError } from "@/lib/errors";
import type { Plan } from "./plan";
import { wakeLocalWorkers } from "./wake";

/**
 * Starting, retrying and reading plan runs. Starting a run only writes rows; engine workers (in
 * this process or any other) pick the steps up.
 */
export const ACTIVE_RUN_STATUSES: readonly PlanRunStatus[] = ["pending", "running", "waiting"];
/** A dependency is satisfied by these; the first two end provisioning steps, the rest undo steps. */
export const FINISHED_STEP_STATUSES: readonly PlanStepStatus[] = ["succeeded", "undone", "skipped"];

export interface RunTarget {
  connectionId: string;
  tenantId: string;
}

async function activeRunOf(tx: DbOrTx, connectionId: string) {
  const [run] = await tx
    .select()
    .from(planRuns)
    .where(and(eq(planRuns.connectionId, connectionId), inArray(planRuns.status, [...ACTIVE_RUN_STATUSES])))
    .limit(1);
  return run ?? null;
}

function busy(): AppError {
  return new AppError("conflict", "This connection is already being provisioned or removed.");
}

/** Creates a provisioning run; its steps without dependencies are ready at once. Returns the run id. */
export async function startProvision<Input extends JsonObject>(
  db: Db,
  plan: Plan<Input>,
  target: RunTarget & { input: Input },
): Promise<string> {
  const input = plan.parseInput(target.input);
  try {
    const runId = await db.transaction(async (tx) => {
      if (await activeRunOf(tx, target.connectionId)) throw busy();
      const [run] = await tx
        .insert(planRuns)
        .values({ connectionId: target.connectionId, tenantId: target.tenantId, plan: plan.name, direction: "provision", input })
        .returning({ id: planRuns.id });
      if (!run) throw new Error("Inserting a plan run returned no row.");
      await tx.insert(planSteps).values(
        plan.order.map((name, position) => {
          const dependsOn = [...(plan.steps.get(name)?.dependsOn ?? [])];
          return { runId: run.id, name, position, dependsOn, status: dependsOn.length === 0 ? ("ready" as const) : ("pending" as const) };
        }),
      );
      return run.id;
    });
    wakeLocalWorkers();
    return runId;
  } catch (error) {
    if (isUniqueViolation(error, "plan_runs_one_active_per_connection")) throw busy();
    throw error;
  }
}

/**
 * Creates the run that removes what the connection's latest provisioning run made: each step's
 * undo runs after the undos of every step that depended on it. A provisioning run still going is
 * cancelled first (its in-flight steps finish and record what they made; the undo waits for them).
 * Steps that never started, or have no undo, are skipped. Returns the run id; calling it again
 * while that run is active returns the same id.
 */
export async function startDeprovision(db: Db, plan: Plan, target: { connectionId: string }): Promise<string> {
  try {
    const runId = await db.transaction(async (tx) => {
      const active = await activeRunOf(tx, target.connectionId);
      if (active?.direction === "deprovision") return active.id;
      if (active) {
        await tx.update(planRuns).set({ status: "cancelled", finishedAt: sql`now()` }).where(eq(planRuns.id, active.id));
      }
      const [provision] = await tx
        .select()
        .from(planRuns)
        .where(and(eq(planRuns.connectionId, target.connectionId), eq(planRuns.direction, "provision")))
        .orderBy(desc(planRuns.createdAt))
        .limit(1);
      if (!provision) throw new AppError("not_found", "Nothing was provisioned for this connection.");
      if (provision.plan !== plan.name) throw new Error(`Run ${provision.id} is of plan "${provision.plan}", not "${plan.name}".`);
      const provisioned = new Map(
        (await tx.select({ name: planSteps.name, attempts: planSteps.attempts }).from(planSteps).where(eq(planSteps.runId, provision.id))).map(
          (row) => [row.name, row.attempts],
        ),
      );

      const dependents = new Map<string, string[]>(plan.order.map((name) => [name, []]));
      for (const [name, step] of plan.steps) for (const dep of step.dependsOn) dependents.get(dep)?.push(name);
      const skipped = new Set(
        plan.order.filter((name) => !plan.steps.get(name)?.hasUndo || (provisioned.get(name) ?? 0) === 0),
      );
      const reversed = [...plan.order].reverse();
      const rows = reversed.map((name, position) => {
        const dependsOn = dependents.get(name) ?? [];
        const status: PlanStepStatus = skipped.has(name) ? "skipped" : dependsOn.every((d) => skipped.has(d)) ? "ready" : "pending";
        return { name, position, dependsOn, status };
      });
      const allSkipped = rows.every((row) => row.status === "skipped");

      const [run] = await tx
        .insert(planRuns)
        .values({
          connectionId: provision.connectionId,
          tenantId: provision.tenantId,
          plan: plan.name,
          direction: "deprovision",
          input: provision.input,
          reversesRunId: provision.id,
          status: allSkipped ? "succeeded" : "pending",
          finishedAt: allSkipped ? sql`now()` : null,
        })
        .returning({ id: planRuns.id });
      if (!run) throw new Error("Inserting a plan run returned no row.");
      await tx.insert(planSteps).values(
        rows.map((row) => ({ ...row, runId: run.id, finishedAt: row.status === "skipped" ? sql`now()` : null })),
      );
      return run.id;
    });
    wakeLocalWorkers();
    return runId;
  } catch (error) {
    if (isUniqueViolation(error, "plan_runs_one_active_per_connection")) throw busy();
    throw error;
  }
}

/**
 * Continues a failed run from where it stopped: its failed steps become ready again and every
 * step that had finished stays finished. Returns false when the run is not failed.
 */
export async function retryRun(db: Db, runId: string): Promise<boolean> {
  try {
    const retried = await db.transaction(async (tx) => {
      const [run] = await tx.select().from(planRuns).where(eq(planRuns.id, runId)).for("update");
      if (!run || run.status !== "failed") return false;
      const other = await activeRunOf(tx, run.connectionId);
      if (other && other.id !== run.id) throw busy();
      await tx
        .update(planSteps)
        .set({
          status: "ready",
          retries: 0,
          waits: 0,
          nextAttemptAt: sql`now()`,
          errorCode: null,
          errorMessage: null,
          finishedAt: null,
        })
        .where(and(eq(planSteps.runId, runId), eq(planSteps.status, "failed")));
      await tx
        .update(planRuns)
        .set({ status: "running", finishedAt: null, errorStep: null, errorCode: null, errorMessage: null })
        .where(eq(planRuns.id, runId));
      return true;
    });
    if (retried) wakeLocalWorkers();
    return retried;
  } catch (error) {
    if (isUniqueViolation(error, "plan_runs_one_active_per_connection")) throw busy();
    throw error;
  }
}

export interface StepView {
  name: string;
  dependsOn: string[];
  status: PlanStepStatus;
  attempts: number;
  waitReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Wall time from first start to finish (or until now while unfinished). */
  elapsedMs: number | null;
  /** Time spent executing on workers; the rest of elapsedMs was AWS's waits and backoff. */
  activeMs: number;
  resourceIds: Record<string, string>;
}

export interface RunView {
  id: string;
  connectionId: string;
  plan: string;
  direction: "provision" | "deprovision";
  status: PlanRunStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: { step: string | null; code: string | null; message: string | null } | null;
  steps: StepView[];
}

/** A run with its steps' live state and timings, as the status pages show them. */
export async function loadRunView(db: DbOrTx, runId: string, now: Date = new Date()): Promise<RunView | null> {
  const [run] = await db.select().from(planRuns).where(eq(planRuns.id, runId));
  if (!run) return null;
  const steps = await db.select().from(planSteps).where(eq(planSteps.runId, runId)).orderBy(asc(planSteps.position));
  return {
    id: run.id,
    connectionId: run.connectionId,
    plan: run.plan,
    direction: run.direction,
    status: run.status,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.status === "failed" ? { step: run.errorStep, code: run.errorCode, message: run.errorMessage } : null,
    steps: steps.map((step) => ({
      name: step.name,
      dependsOn: step.dependsOn,
      status: step.status,
      attempts: step.attempts,
      waitReason: step.status === "waiting" ? step.waitReason : null,
      errorCode: step.errorCode,
      errorMessage: step.errorMessage,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      elapsedMs: step.startedAt ? (step.finishedAt ?? now).getTime() - step.startedAt.getTime() : null,
      activeMs: step.activeMs,
      resourceIds: step.resourceIds,
    })),
  };
}

/** The connection's most recent run (of either direction) with its steps, if any. */
export async function latestRunView(db: DbOrTx, connectionId: string, now: Date = new Date()): Promise<RunView | null> {
  const runId = await latestRunId(db, connectionId);
  return runId ? loadRunView(db, runId, now) : null;
}

/** The outputs of the run's succeeded steps, by step name; nothing for no run. */
export async function succeededStepOutputs(db: DbOrTx, runId: string | null): Promise<(name: string) => JsonObject | null | undefined> {
  const finished = runId
    ? await db
        .select({ name: planSteps.name, outputs: planSteps.outputs })
        .from(planSteps)
        .where(and(eq(planSteps.runId, runId), eq(planSteps.status, "succeeded")))
    : [];
  return (name) => finished.find((step) => step.name === name)?.outputs;
}

/** The connection's most recent run (of either direction) in full, if any. */
export async function latestRun(db: DbOrTx, connectionId: string): Promise<typeof planRuns.$inferSelect | null> {
  const runId = await latestRunId(db, connectionId);
  if (!runId) return null;
  const [run] = await db.select().from(planRuns).where(eq(planRuns.id, runId));
  return run ?? null;
}

/** The connection's most recent run (of either direction), if any. */
export async function latestRunId(db: DbOrTx, connectionId: string, direction?: "provision" | "deprovision"): Promise<string | null> {
  const [run] = await db
    .select({ id: planRuns.id })
    .from(planRuns)
    .where(direction ? and(eq(planRuns.connectionId, connectionId), eq(planRuns.direction, direction)) : eq(planRuns.connectionId, connectionId))
    .orderBy(desc(planRuns.createdAt))
    .limit(1);
  return run?.id ?? null;
}
