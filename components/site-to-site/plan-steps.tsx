import { PlanStepRow } from "@/components/connections/plan-step-row";
import { cx } from "@/lib/utils";
import { formatElapsed, isHalted, runElapsedMs, stepLabel, stepStateLabel, stepTone, type Run } from "./plan-format";

function runSummary(run: Run): string {
  const elapsed = runElapsedMs(run);
  const what = run.direction === "deprovision" ? "Removal" : "Provisioning";
  const took = (word: string) => (elapsed === null ? "" : ` ${word} ${formatElapsed(elapsed)}`);
  switch (run.status) {
    case "succeeded":
      return `${what} finished${took("in")}.`;
    case "failed":
      return `${what} stopped at a failed step${took("after")}.`;
    case "cancelled":
      return `${what} was cancelled.`;
    default:
      return elapsed === null ? `${what} is about to start.` : `${what} running for ${formatElapsed(elapsed)}.`;
  }
}

/**
 * Every step of the run with its live state, attempts, start and elapsed time. A failed step shows
 * AWS's error code and message, so the customer and support read the same facts.
 */
export function PlanSteps({ run, accelerated }: { run: Run; accelerated: boolean }) {
  const halted = isHalted(run);
  const done = run.steps.filter((step) => stepTone(step.status) === "done").length;
  const counted = run.steps.filter((step) => step.status !== "skipped").length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="text-slate-700">{runSummary(run)}</p>
        <p className="tabular-nums text-xs text-slate-500">
          {done} of {counted} steps {run.direction === "deprovision" ? "deleted" : "done"}
        </p>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div
          className={cx("h-full rounded-full transition-[width] duration-500", run.status === "failed" ? "bg-red-500" : "bg-emerald-500")}
          style={{ width: `${counted === 0 ? 100 : Math.round((done / counted) * 100)}%` }}
        />
      </div>
      <ol aria-label={run.direction === "deprovision" ? "Removal steps" : "Provisioning steps"} className="divide-y divide-slate-100">
        {run.steps.map((step) => {
          const tone = stepTone(step.status, halted);
          // A halted run's unfinished steps are not moving: their time stopped with it.
          const frozen = halted && step.finishedAt === null && step.status !== "failed";
          return (
            <PlanStepRow
              key={step.name}
              tone={tone}
              label={stepLabel(step.name, accelerated)}
              startedAt={step.startedAt}
              timing={
                <>
                  {step.elapsedMs !== null && !frozen && <> · {formatElapsed(step.elapsedMs)}</>}
                  {step.attempts > 0 && <> · {step.attempts === 1 ? "1 attempt" : `${step.attempts} attempts`}</>}
                </>
              }
              state={stepStateLabel(step.status, run.direction, halted)}
              waitReason={frozen ? null : step.waitReason}
              failure={step.status === "failed" ? step : null}
            />
          );
        })}
      </ol>
    </div>
  );
}
