import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * The provisioning engine's durable state (lib/engine). A plan run is one execution of a
 * connectivity type's step graph for one connection; its steps are claimed by workers through row
 * leases, so any number of processes can share the work and resume it after a crash.
 */
export type PlanDirection = "provision" | "deprovision";
export type PlanRunStatus = "pending" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
/**
 * pending: a dependency has not finished; ready: claimable once next_attempt_at is due (also after
 * a transient error); running: leased by a worker; waiting: parked until AWS has moved on;
 * undone / skipped: the finished states of a deprovision run's steps.
 */
export type PlanStepStatus = "pending" | "ready" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "undone";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const planRuns = pgTable(
  "plan_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** No foreign key: the engine serves every connectivity type, whose connections live in their own tables. */
    connectionId: uuid().notNull(),
    tenantId: uuid().notNull(),
    plan: text().notNull(),
    direction: text().$type<PlanDirection>().notNull(),
    status: text().$type<PlanRunStatus>().notNull().default("pending"),
    input: jsonb().$type<JsonObject>().notNull(),
    /** For a deprovision run: the provision run whose resources it removes. */
    reversesRunId: uuid().references((): AnyPgColumn => planRuns.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** The step that failed the run and AWS's error code and a safe message, for support. */
    errorStep: text(),
    errorCode: text(),
    errorMessage: text(),
  },
  (t) => [
    index("plan_runs_connection_idx").on(t.connectionId, t.createdAt),
    index("plan_runs_status_idx").on(t.status),
    // A connection is provisioned or removed by one run at a time.
    uniqueIndex("plan_runs_one_active_per_connection")
      .on(t.connectionId)
      .where(sql`${t.status} in ('pending', 'running', 'waiting')`),
  ],
);

export const planSteps = pgTable(
  "plan_steps",
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => planRuns.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** Display order: the plan's dependency order. */
    position: integer().notNull(),
    dependsOn: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text().$type<PlanStepStatus>().notNull(),
    /** Claims so far; with lease_owner it identifies one claim, so a stale holder cannot write. */
    attempts: integer().notNull().default(0),
    /** Consecutive transient failures, for the retry backoff; reset on success or wait. */
    retries: integer().notNull().default(0),
    /** Consecutive "still pending at AWS" checks, for the recheck backoff. */
    waits: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    outputs: jsonb().$type<JsonObject>(),
    /** AWS resource ids the step created or adopted, recorded as soon as known. */
    resourceIds: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    waitReason: text(),
    errorCode: text(),
    errorMessage: text(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Time spent executing on workers (excludes parked waits and backoff), summed over attempts. */
    activeMs: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("plan_steps_run_name_key").on(t.runId, t.name),
    // The claim query: due steps in claimable states, oldest first.
    index("plan_steps_claim_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('ready', 'waiting', 'running')`),
  ],
);

/** Live engine workers; the rate limiter divides the account's request budget among them. */
export const workerHeartbeats = pgTable(
  "worker_heartbeats",
  {
    workerId: text().primaryKey(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("worker_heartbeats_seen_idx").on(t.lastSeenAt)],
);
