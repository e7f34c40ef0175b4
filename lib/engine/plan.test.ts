import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePlan, PlanDefinitionError, StepDataError, type RuntimeContext } from "./plan";
import { RateLimiter } from "./rate-limiter";

const input = z.object({ size: z.number() });
const done = <T>(value: T) => async () => ({ done: value });

function runtimeContext(overrides: Partial<RuntimeContext>): RuntimeContext {
  return {
    input: { size: 1 },
    runId: "run-1",
    connectionId: "c",
    tenantId: "t",
    stepName: "b",
    tags: {},
    resources: {},
    outputs: new Map(),
    recordResources: async () => undefined,
    idempotencyToken: () => "token",
    limiter: new RateLimiter(),
    now: () => new Date(0),
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("definePlan", () => {
  it("orders steps after their dependencies", () => {
    const plan = definePlan({
      name: "diamond",
      input,
      outputs: { d: z.object({}), b: z.object({}), c: z.object({}), a: z.object({}) },
      steps: {
        d: { dependsOn: ["b", "c"], run: done({}) },
        b: { dependsOn: ["a"], run: done({}) },
        c: { dependsOn: ["a"], run: done({}) },
        a: { dependsOn: [], run: done({}) },
      },
    });
    const at = (name: string) => plan.order.indexOf(name);
    expect(plan.order).toHaveLength(4);
    expect(at("a")).toBeLessThan(at("b"));
    expect(at("a")).toBeLessThan(at("c"));
    expect(at("b")).toBeLessThan(at("d"));
    expect(at("c")).toBeLessThan(at("d"));
    expect(plan.steps.get("d")?.dependsOn).toEqual(["b", "c"]);
  });

  it("refuses unknown dependencies, self-dependencies and cycles when the plan is defined", () => {
    const outputs = { a: z.object({}), b: z.object({}), c: z.object({}) };
    expect(() =>
      definePlan({
        name: "unknown",
        input,
        outputs: { a: z.object({}) },
        // @ts-expect-error -- "nope" is not a step; the check must also hold at run time.
        steps: { a: { dependsOn: ["nope"], run: done({}) } },
      }),
    ).toThrow(/unknown step "nope"/);
    expect(() => definePlan({ name: "self", input, outputs: { a: z.object({}) }, steps: { a: { dependsOn: ["a"], run: done({}) } } })).toThrow(
      /depends on itself/,
    );
    expect(() =>
      definePlan({
        name: "cycle",
        input,
        outputs,
        steps: {
          a: { dependsOn: ["c"], run: done({}) },
          b: { dependsOn: ["a"], run: done({}) },
          c: { dependsOn: ["b"], run: done({}) },
        },
      }),
    ).toThrow(PlanDefinitionError);
    expect(() => definePlan({ name: "Bad Name", input, outputs: { a: z.object({}) }, steps: { a: { dependsOn: [], run: done({}) } } })).toThrow(
      /short identifier/,
    );
  });

  it("gives a step its dependencies' outputs, parsed, and checks its own outputs", async () => {
    const plan = definePlan({
      name: "typed",
      input,
      outputs: { a: z.object({ id: z.string() }), b: z.object({ twice: z.number() }) },
      steps: {
        a: { dependsOn: [], run: done({ id: "x" }) },
        b: {
          dependsOn: ["a"],
          async run(ctx) {
            const { id } = ctx.output("a");
            return { done: { twice: id.length * 2 * ctx.input.size } };
          },
        },
      },
    });
    const b = plan.steps.get("b");
    expect(await b?.run(runtimeContext({ outputs: new Map([["a", { id: "abc" }]]) }))).toEqual({ done: { twice: 6 } });
    // Stored outputs that no longer match the schema are an error, not a silent cast.
    await expect(b?.run(runtimeContext({ outputs: new Map([["a", { id: 7 }]]) }))).rejects.toBeInstanceOf(StepDataError);
    await expect(b?.run(runtimeContext({ input: { size: "big" }, outputs: new Map([["a", { id: "abc" }]]) }))).rejects.toBeInstanceOf(StepDataError);
    expect(() => plan.parseInput({ size: "no" })).toThrow(StepDataError);
  });

  it("gives an undo the provisioned outputs, or null when the step never finished", async () => {
    const seen: Array<string | null> = [];
    const plan = definePlan({
      name: "undo",
      input,
      outputs: { a: z.object({ id: z.string() }) },
      steps: {
        a: {
          dependsOn: [],
          run: done({ id: "x" }),
          async undo(ctx) {
            seen.push(ctx.provisioned?.id ?? null);
            return { done: {} };
          },
        },
      },
    });
    const a = plan.steps.get("a");
    expect(a?.hasUndo).toBe(true);
    await a?.undo(runtimeContext({ stepName: "a", outputs: new Map([["a", { id: "made" }]]) }));
    await a?.undo(runtimeContext({ stepName: "a", outputs: new Map([["a", null]]) }));
    expect(seen).toEqual(["made", null]);
  });
});
