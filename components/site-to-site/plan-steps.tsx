import { cx } from "@/lib/utils";
import { formatClock, formatElapsed, isHalted, runElapsedMs, stepLabel, stepStateLabel, stepTone, type Run, type StepTone } from "./plan-format";

const ICON_CLASSES: Record<StepTone, string> = {
  done: "bg-emerald-500 text-white",
  active: "bg-brand-600 text-white ring-4 ring-brand-100",
  failed: "bg-red-600 text-white",
  idle: "bg-white text-slate-400 ring-1 ring-inset ring-slate-300",
};

function StepIcon({ tone }: { tone: StepTone }) {
  return (
    <span aria-hidden className={cx("mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold", ICON_CLASSES[tone])}>
      {tone === "done" ? "✓" : tone === "failed" ? "✕" : tone === "active" ? <span className="size-2 animate-pulse rounded-full bg-white" /> : ""}
    </span>
  );
}

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
            <li key={step.name} aria-current={tone === "active" ? "step" : undefined} className="flex gap-3 py-2.5">
              <StepIcon tone={tone} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <p className={cx("text-sm font-medium", tone === "idle" ? "text-slate-500" : "text-slate-900")}>{stepLabel(step.name, accelerated)}</p>
                  {step.startedAt && (
                    <p className="tabular-nums text-xs text-slate-500">
                      {formatClock(step.startedAt)}
                      {step.elapsedMs !== null && !frozen && <> · {formatElapsed(step.elapsedMs)}</>}
                      {step.attempts > 0 && <> · {step.attempts === 1 ? "1 attempt" : `${step.attempts} attempts`}</>}
                    </p>
                  )}
                </div>
                <p className={cx("text-xs", tone === "failed" ? "font-medium text-red-700" : tone === "active" ? "text-brand-700" : "text-slate-500")}>
                  {stepStateLabel(step.status, run.direction, halted)}
                  {step.waitReason && !frozen && <span className="text-slate-600">: {step.waitReason}</span>}
                </p>
                {step.status === "failed" && (
                  <p role="alert" className="mt-1.5 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-red-200">
                    {step.errorCode && <span className="font-mono font-semibold">{step.errorCode}</span>}
                    {step.errorCode && step.errorMessage && " · "}
                    {step.errorMessage ?? "The step failed."}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
