import { stepLabel } from "@/components/site-to-site/plan-format";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";

/**
 * A part of the customer's side that is not ready yet: what it waits for and, while AWS works on
 * it, what AWS is doing. The page refreshes this column when the status changes.
 */
export function PendingNote({
  view,
  steps,
  waitsFor,
  accelerated,
}: {
  view: SiteToSiteStatusView;
  /** The plan steps this part needs. */
  steps: readonly string[];
  waitsFor: string;
  accelerated: boolean;
}) {
  const error = view.status === "failed" ? view.run?.error : null;
  const now = (view.run?.steps ?? []).filter((step) => steps.includes(step.name) && step.status === "waiting" && step.waitReason);
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200" role="status">
      {error ? (
        <p>
          Provisioning stopped at “{stepLabel(error.step ?? "", accelerated)}”, so this is not available yet. It appears once support retries the step
          and it completes.
        </p>
      ) : (
        <>
          <p>{waitsFor}</p>
          {now.map((step) => (
            <p key={step.name} className="mt-1 text-xs text-slate-500">
              Now: {step.waitReason}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
