import type { ReactNode } from "react";
import { formatClock, type StepTone } from "@/components/site-to-site/plan-format";
import { cx } from "@/lib/utils";

/**
 * One step of a provisioning or removal plan as every connection page lists it: an icon for its
 * tone, its name, when it started, its state in words and, when it failed, AWS's error.
 */

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

export interface PlanStepRowProps {
  tone: StepTone;
  label: string;
  startedAt: string | null;
  /** What follows the start time: elapsed time, attempts. */
  timing: ReactNode;
  state: string;
  /** What AWS is waiting for, when that is worth showing. */
  waitReason: string | null;
  /** AWS's error, for a failed step. */
  failure: { errorCode: string | null; errorMessage: string | null } | null;
}

export function PlanStepRow({ tone, label, startedAt, timing, state, waitReason, failure }: PlanStepRowProps) {
  return (
    <li aria-current={tone === "active" ? "step" : undefined} className="flex gap-3 py-2.5">
      <StepIcon tone={tone} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <p className={cx("text-sm font-medium", tone === "idle" ? "text-slate-500" : "text-slate-900")}>{label}</p>
          {startedAt && (
            <p className="tabular-nums text-xs text-slate-500">
              {formatClock(startedAt)}
              {timing}
            </p>
          )}
        </div>
        <p className={cx("text-xs", tone === "failed" ? "font-medium text-red-700" : tone === "active" ? "text-brand-700" : "text-slate-500")}>
          {state}
          {waitReason && <span className="text-slate-600">: {waitReason}</span>}
        </p>
        {failure && (
          <p role="alert" className="mt-1.5 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-red-200">
            {failure.errorCode && <span className="font-mono font-semibold">{failure.errorCode}</span>}
            {failure.errorCode && failure.errorMessage && " · "}
            {failure.errorMessage ?? "The step failed."}
          </p>
        )}
      </div>
    </li>
  );
}
