"use client";

import { retryClientVpn } from "@/app/(app)/connections/client-vpn/actions";
import { PlanStepRow } from "@/components/connections/plan-step-row";
import { STATUS_LABELS } from "@/components/connections/status-badge";
import { useConnectionAction } from "@/components/connections/use-connection-action";
import { useRefreshWhenChanged } from "@/components/connections/use-refresh-when-changed";
import { formatElapsed, stepTone } from "@/components/site-to-site/plan-format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import type { ClientVpnStatusView, ClientVpnStepView } from "@/lib/connectivity/client-vpn/status-view-types";
import { clientVpnStepLabel, clientVpnStepState } from "./client-vpn-format";
import { useClientVpnStatus } from "./use-client-vpn-status";

function Step({ step }: { step: ClientVpnStepView }) {
  const tone = stepTone(step.status);
  return (
    <PlanStepRow
      tone={tone}
      label={clientVpnStepLabel(step.name)}
      startedAt={step.startedAt}
      timing={step.elapsedMs !== null && <> · {formatElapsed(step.elapsedMs)}</>}
      state={clientVpnStepState(step.status)}
      waitReason={tone === "active" ? step.waitReason : null}
      failure={step.status === "failed" ? step : null}
    />
  );
}

/**
 * The shared environment's build and this connection's own steps, live. A region's first Client VPN
 * customer waits for AWS to associate the endpoint with its subnets, the slowest thing AWS does here;
 * later customers of the region find it ready. Support can retry a failed run from where it stopped.
 */
export function ClientVpnProgress({ initial, canRetry }: { initial: ClientVpnStatusView; canRetry: boolean }) {
  const { view, isError, refetchNow } = useClientVpnStatus(initial);
  const retry = useConnectionAction(retryClientVpn, initial.id);

  // The header's badge, the buttons and the product names are server-rendered: refresh them when the status moves.
  useRefreshWhenChanged(view.status);

  const done = view.steps.filter((step) => stepTone(step.status) === "done").length;
  const counted = view.steps.filter((step) => step.status !== "skipped").length;
  const steps = (
    <ol aria-label="Provisioning steps" className="divide-y divide-slate-100">
      {view.steps.map((step, index) => (
        // The environment's plan and the connection's may name a step alike; the list's order is stable.
        <Step key={`${index}-${step.name}`} step={step} />
      ))}
    </ol>
  );
  return (
    <Card
      title={view.status === "removing" || view.status === "removed" ? "Removal" : view.status === "available" ? "Status" : "Provisioning"}
      description={
        view.status === "provisioning"
          ? "The region's shared Client VPN environment is built once for every customer there. On AWS the first build takes about 15 minutes, most of it AWS associating the endpoint with its subnets; this page updates by itself."
          : undefined
      }
    >
      <div className="space-y-3">
        {view.steps.length > 0 &&
          (view.status === "available" ? (
            // Once ready the steps are history: kept for the curious, out of the way of the devices.
            <details>
              <summary className="cursor-pointer text-sm text-slate-700">Ready: all {counted} steps done</summary>
              {steps}
            </details>
          ) : (
            <>
              <p className="tabular-nums text-xs text-slate-500">
                {done} of {counted} steps done
              </p>
              {steps}
            </>
          ))}
        {view.status === "failed" && (
          <div role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            <p className="font-medium">Failed{view.error?.step ? ` at: ${clientVpnStepLabel(view.error.step)}` : ""}</p>
            <p>
              {view.error?.code && <span className="font-mono font-semibold">{view.error.code} · </span>}
              {view.error?.message ?? "No message was recorded."}
            </p>
            {!canRetry && <p>Our support team sees this failure and can retry it from the failed step; nothing already built is lost.</p>}
          </div>
        )}
        {canRetry && view.status === "failed" && (
          <Button size="sm" pending={retry.pending} onClick={() => retry.run("Retrying from the failed step.", () => void refetchNow())}>
            Retry from the failed step
          </Button>
        )}
        <FormMessage error={retry.error} success={retry.success} />
        <p aria-live="polite" className="text-xs text-slate-500">
          {isError ? "Live updates are paused; retrying…" : `${STATUS_LABELS[view.status]} · ${view.status === "removed" ? "nothing left to update" : "updates live"}`}
        </p>
      </div>
    </Card>
  );
}
