"use client";

import { retrySiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import { useConnectionAction } from "@/components/connections/use-connection-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { stepLabel } from "./plan-format";
import { useSiteToSiteStatus } from "./use-site-to-site-status";

/** Provider staff's view of the run: the failed step with AWS's error, and a retry that continues from it. */
export function SiteToSiteSupport({ initial, accelerated }: { initial: SiteToSiteStatusView; accelerated: boolean }) {
  const { view, refetchNow } = useSiteToSiteStatus(initial);
  const retry = useConnectionAction(retrySiteToSite, initial.id);
  const run = view.run;
  const failedStep = run?.steps.find((step) => step.status === "failed");
  const error = run?.error;
  return (
    <Card title="Support" description="The engine's run for this connection, as support needs it.">
      <div className="space-y-3 text-sm">
        {run ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">Run</dt>
            <dd className="font-mono text-xs text-slate-900">{run.id}</dd>
            <dt className="text-slate-500">Direction</dt>
            <dd className="text-slate-900">{run.direction === "deprovision" ? "Removal" : "Provisioning"}</dd>
            <dt className="text-slate-500">Run status</dt>
            <dd className="text-slate-900">{run.status}</dd>
          </dl>
        ) : (
          <p className="text-slate-500">No run has started for this connection.</p>
        )}
        {run?.status === "failed" ? (
          <div role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
            <p className="font-medium">
              Failed at: {stepLabel(error?.step ?? failedStep?.name ?? "unknown", accelerated)}
              {failedStep && failedStep.attempts > 0 && (
                <span className="font-normal">
                  {" "}
                  (after {failedStep.attempts} {failedStep.attempts === 1 ? "attempt" : "attempts"})
                </span>
              )}
            </p>
            <p>
              <span className="font-mono font-semibold">{error?.code ?? failedStep?.errorCode ?? "Unknown"}</span>
              {" · "}
              {error?.message ?? failedStep?.errorMessage ?? "No message was recorded."}
            </p>
          </div>
        ) : (
          run && <p className="text-slate-600">No step has failed.</p>
        )}
        {run?.status === "failed" && (
          <Button size="sm" pending={retry.pending} onClick={() => retry.run("Retrying from the failed step.", () => void refetchNow())}>
            Retry from the failed step
          </Button>
        )}
        <FormMessage error={retry.error} success={retry.success} />
      </div>
    </Card>
  );
}
