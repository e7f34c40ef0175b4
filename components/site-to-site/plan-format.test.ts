import { describe, expect, it } from "vitest";
import type { PlanStepView } from "@/lib/connectivity/site-to-site/status-view";
import { builtSteps, formatClock, formatElapsed, isHalted, runElapsedMs, stepLabel, stepStateLabel, stepTone, type Run } from "./plan-format";

function step(name: string, status: PlanStepView["status"], startedAt: string | null = null, elapsedMs: number | null = null): PlanStepView {
  return { name, status, attempts: 1, waitReason: null, errorCode: null, errorMessage: null, startedAt, finishedAt: null, elapsedMs };
}

function run(overrides: Partial<Run>): Run {
  return { id: "r", direction: "provision", status: "running", startedAt: null, finishedAt: null, error: null, steps: [], ...overrides };
}

describe("plan formatting", () => {
  it("names the gateway steps for the variant in use", () => {
    expect(stepLabel("gateway", false)).toBe("Virtual private gateway");
    expect(stepLabel("gateway", true)).toBe("Shared transit gateway");
    expect(stepLabel("resolver", false)).toBe("DNS resolver inbound endpoint");
    expect(stepLabel("somethingNew", false)).toBe("somethingNew");
  });

  it("words a state for the run's direction", () => {
    expect(stepStateLabel("succeeded", "provision")).toBe("Done");
    expect(stepStateLabel("undone", "deprovision")).toBe("Deleted");
    expect(stepStateLabel("running", "deprovision")).toBe("Deleting");
    expect(stepStateLabel("waiting", "provision")).toBe("Waiting for AWS");
  });

  it("shows a failed run's unfinished steps as stopped, not as waiting for AWS", () => {
    expect(isHalted({ status: "failed" })).toBe(true);
    expect(isHalted({ status: "waiting" })).toBe(false);
    expect(stepTone("waiting", true)).toBe("idle");
    expect(stepTone("waiting", false)).toBe("active");
    expect(stepStateLabel("waiting", "provision", true)).toBe("Stopped with the run");
    expect(stepStateLabel("pending", "provision", true)).toBe("Waiting for earlier steps");
    expect(stepStateLabel("failed", "provision", true)).toBe("Failed");
  });

  it("formats durations a person can take in", () => {
    expect(formatElapsed(850)).toBe("850 ms");
    expect(formatElapsed(12_400)).toBe("12.4 s");
    expect(formatElapsed(185_000)).toBe("3 min 05 s");
    expect(formatElapsed(3_720_000)).toBe("1 h 02 min");
    expect(formatClock("2026-11-21T08:05:09.000Z")).toBe("08:05:09 UTC");
  });

  it("measures a running run to its latest measured step, so server and browser agree", () => {
    const start = "2026-11-21T08:00:00.000Z";
    const steps = [step("vpc", "succeeded", start, 3_000), step("vpnConnection", "waiting", "2026-11-21T08:00:05.000Z", 40_000)];
    expect(runElapsedMs(run({ startedAt: start, steps }))).toBe(45_000);
    expect(runElapsedMs(run({ startedAt: start, finishedAt: "2026-11-21T08:02:00.000Z", steps }))).toBe(120_000);
    expect(runElapsedMs(run({ startedAt: null }))).toBeNull();
  });

  it("knows which parts exist while provisioning and while removing", () => {
    const provisioning = run({ steps: [step("vpc", "succeeded"), step("subnets", "waiting"), step("resolver", "pending")] });
    expect([...builtSteps({ status: "provisioning", run: provisioning })]).toEqual(["vpc"]);
    const removing = run({ direction: "deprovision", steps: [step("resolver", "undone"), step("subnets", "running"), step("activate", "skipped"), step("vpc", "pending")] });
    expect([...builtSteps({ status: "removing", run: removing })].sort()).toEqual(["subnets", "vpc"]);
    expect(builtSteps({ status: "removed", run: removing }).size).toBe(0);
  });
});
