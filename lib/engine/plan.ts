import type { z } from "zod";
import type { Tx } from "@/db/client";
import type { JsonObject, JsonValue } from "@/db/schema/engine";
import type { RateLimiter } from "./rate-limiter";

/**
 * How a connectivity type declares its provisioning: a graph of named steps, each with the steps
 * it depends on, a `run` that creates (or adopts) its AWS resources and an optional `undo` that
 * removes them. The engine runs every step whose dependencies have finished, in parallel, and
 * deprovisions by running the undos in reverse dependency order.
 *
 * Outputs are declared as zod schemas: they are stored as JSON and read back by later steps (maybe
 * in another process, after a restart), so they are parsed, never cast.
 */

/** A step's result: finished with its outputs, or parked until AWS has moved on. */
export type StepOutcome<Out> =
  | { done: Out; resources?: Record<string, string> }
  | { wait: { reason: string; recheckAfterMs: number }; resources?: Record<string, string> };

interface CommonContext<Input> {
  readonly input: Input;
  readonly runId: string;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly stepName: string;
  /**
   * Tags every resource of this step carries (`onramp:tenant`, `onramp:connection`, `onramp:step`,
   * `onramp:run`): what tag-then-adopt looks for. In an undo they are the provisioning step's tags.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** Resource ids recorded by earlier attempts of this step (in an undo: also by the provisioning step). */
  readonly resources: Readonly<Record<string, string>>;
  /** Persists resource ids at once, so a crash right after a create cannot lose them. */
  recordResources(ids: Record<string, string>): Promise<void>;
  /** Deterministic per run and step (<= 64 ASCII characters): for ClientToken / CreatorRequestId. */
  idempotencyToken(purpose?: string): string;
  readonly limiter: RateLimiter;
  now(): Date;
  /** Aborted when this worker lost the step's lease: another worker owns it now. */
  readonly signal: AbortSignal;
}

export interface StepContext<Input, Outputs> extends CommonContext<Input> {
  /** The outputs of a step this one depends on. */
  output<K extends keyof Outputs & string>(step: K): Outputs[K];
}

export interface UndoContext<Input, Outputs, Own> extends CommonContext<Input> {
  /** What the provisioning step produced; null when it never finished (look up by tags then). */
  readonly provisioned: Own | null;
  /** Any provisioning step's outputs, null when that step never finished. */
  output<K extends keyof Outputs & string>(step: K): Outputs[K] | null;
}

type OutputSchemas = Record<string, z.ZodType<JsonObject>>;
type OutputsOf<S extends OutputSchemas> = { [K in keyof S]: z.output<S[K]> };

export interface StepDefinition<Input, S extends OutputSchemas, K extends keyof S> {
  dependsOn: ReadonlyArray<keyof S & string>;
  run(ctx: StepContext<Input, OutputsOf<S>>): Promise<StepOutcome<z.output<S[K]>>>;
  undo?(ctx: UndoContext<Input, OutputsOf<S>, z.output<S[K]>>): Promise<StepOutcome<JsonObject>>;
}

/** A run that just failed: which step, and AWS's (or Onramp's) error as support sees it. */
export interface RunFailure {
  runId: string;
  connectionId: string;
  tenantId: string;
  direction: "provision" | "deprovision";
  step: string;
  code: string;
  message: string;
}

/**
 * Called in the transaction that marks a run failed, so a type that keeps its own status on the
 * connection (PrivateLink's "failed" with the error) changes together with the run, never apart.
 */
export type RunFailedHook = (tx: Tx, failure: RunFailure) => Promise<void>;

export interface PlanSpec<Input extends JsonObject, S extends OutputSchemas> {
  name: string;
  input: z.ZodType<Input>;
  /** One schema per step: the step names are the keys. */
  outputs: S;
  steps: { [K in keyof S & string]: StepDefinition<Input, S, K> };
  onRunFailed?: RunFailedHook;
}

/** What the executor gives a step, before the plan's schemas turn it into a typed context. */
export interface RuntimeContext extends Omit<CommonContext<JsonValue>, "input"> {
  readonly input: JsonValue;
  /** Provision: the dependencies' outputs. Undo: every provisioning step's outputs (null if unfinished). */
  readonly outputs: ReadonlyMap<string, JsonObject | null>;
}

export interface RuntimeStep {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly hasUndo: boolean;
  run(ctx: RuntimeContext): Promise<StepOutcome<JsonObject>>;
  undo(ctx: RuntimeContext): Promise<StepOutcome<JsonObject>>;
}

/** A plan with its types erased: what the engine stores, schedules and runs. */
export interface Plan<Input extends JsonObject = JsonObject> {
  readonly name: string;
  readonly steps: ReadonlyMap<string, RuntimeStep>;
  /** Step names in a dependency order (every step after its dependencies). */
  readonly order: readonly string[];
  parseInput(input: unknown): Input;
  readonly onRunFailed?: RunFailedHook;
}

export class PlanDefinitionError extends Error {
  constructor(plan: string, problem: string) {
    super(`Plan "${plan}": ${problem}`);
    this.name = "PlanDefinitionError";
  }
}

/** Thrown when stored data no longer matches the plan's schemas (e.g. a plan changed under a live run). */
export class StepDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepDataError";
  }
}

/** An undo reading outputs of a step that never finished: turned into null for the undo. */
class MissingOutput extends Error {}

const STEP_NAME = /^[a-z][a-zA-Z0-9-]{0,47}$/;

function topologicalOrder(plan: string, deps: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    const seen = state.get(name);
    if (seen === "done") return;
    if (seen === "visiting") throw new PlanDefinitionError(plan, `dependency cycle ${[...path, name].join(" -> ")}.`);
    state.set(name, "visiting");
    for (const dep of deps.get(name) ?? []) visit(dep, [...path, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of deps.keys()) visit(name, []);
  return order;
}

function parseWith<Z extends z.ZodType>(schema: Z, value: unknown, what: string): z.output<Z> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StepDataError(`${what} does not match the plan: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return parsed.data;
}

export function definePlan<Input extends JsonObject, S extends OutputSchemas>(spec: PlanSpec<Input, S>): Plan<Input> {
  if (!STEP_NAME.test(spec.name)) throw new PlanDefinitionError(spec.name, "the name must be a short identifier.");
  const names = Object.keys(spec.outputs);
  if (names.length === 0) throw new PlanDefinitionError(spec.name, "a plan needs at least one step.");
  const deps = new Map<string, readonly string[]>();
  for (const name of names) {
    if (!STEP_NAME.test(name)) throw new PlanDefinitionError(spec.name, `step name "${name}" must be a short identifier.`);
    const step: StepDefinition<Input, S, string> | undefined = spec.steps[name];
    if (!step) throw new PlanDefinitionError(spec.name, `step "${name}" has an output schema but no definition.`);
    const unique = new Set(step.dependsOn);
    if (unique.size !== step.dependsOn.length) throw new PlanDefinitionError(spec.name, `step "${name}" lists a dependency twice.`);
    for (const dep of step.dependsOn) {
      if (dep === name) throw new PlanDefinitionError(spec.name, `step "${name}" depends on itself.`);
      if (!(dep in spec.outputs)) throw new PlanDefinitionError(spec.name, `step "${name}" depends on unknown step "${dep}".`);
    }
    deps.set(name, [...step.dependsOn]);
  }
  for (const name of Object.keys(spec.steps)) {
    if (!(name in spec.outputs)) throw new PlanDefinitionError(spec.name, `step "${name}" has no output schema.`);
  }
  const order = topologicalOrder(spec.name, deps);

  const outputReader = (ctx: RuntimeContext, allowMissing: boolean) =>
    function output<K extends keyof S & string>(step: K): z.output<S[K]> {
      const value = ctx.outputs.get(step);
      if (value === undefined && !allowMissing) {
        throw new StepDataError(`Step "${ctx.stepName}" read the outputs of "${step}", which it does not depend on.`);
      }
      if (value === null || value === undefined) {
        if (allowMissing) throw new MissingOutput();
        throw new StepDataError(`Step "${ctx.stepName}" ran before "${step}" finished.`);
      }
      return parseWith(spec.outputs[step], value, `The stored outputs of step "${step}"`);
    };

  const steps = new Map<string, RuntimeStep>();
  for (const name of names) {
    const step: StepDefinition<Input, S, string> | undefined = spec.steps[name];
    if (!step) continue;
    const common = (ctx: RuntimeContext) => ({
      input: parseWith(spec.input, ctx.input, "The run's input"),
      runId: ctx.runId,
      connectionId: ctx.connectionId,
      tenantId: ctx.tenantId,
      stepName: ctx.stepName,
      tags: ctx.tags,
      resources: ctx.resources,
      recordResources: ctx.recordResources,
      idempotencyToken: ctx.idempotencyToken,
      limiter: ctx.limiter,
      now: ctx.now,
      signal: ctx.signal,
    });
    steps.set(name, {
      name,
      dependsOn: deps.get(name) ?? [],
      hasUndo: step.undo !== undefined,
      async run(ctx) {
        const outcome = await step.run({ ...common(ctx), output: outputReader(ctx, false) });
        if ("done" in outcome) return { ...outcome, done: parseWith(spec.outputs[name], outcome.done, `The outputs of step "${name}"`) };
        return outcome;
      },
      async undo(ctx) {
        if (!step.undo) return { done: {} };
        const read = outputReader(ctx, true);
        const optional = <K extends keyof S & string>(key: K): z.output<S[K]> | null => {
          try {
            return read(key);
          } catch (error) {
            if (error instanceof MissingOutput) return null;
            throw error;
          }
        };
        return step.undo({ ...common(ctx), provisioned: optional(name), output: optional });
      },
    });
  }

  return {
    name: spec.name,
    steps,
    order,
    parseInput: (input) => parseWith(spec.input, input, "The plan's input"),
    onRunFailed: spec.onRunFailed,
  };
}
