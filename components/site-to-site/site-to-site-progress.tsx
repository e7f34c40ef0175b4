"use client";

import { STATUS_LABELS } from "@/components/connections/status-badge";
import { useRefreshWhenChanged } from "@/components/connections/use-refresh-when-changed";
import { Card } from "@/components/ui/card";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { EndpointNames } from "./endpoint-names";
import { PlanSteps } from "./plan-steps";
import { TunnelStatus } from "./tunnel-status";
import { useSiteToSiteStatus } from "./use-site-to-site-status";

/**
 * What the server-rendered parts of the page depend on: the status (header, buttons) and which
 * outputs exist (the deliverables column shows the device configuration once the VPN exists, the
 * DNS instructions once the resolver does).
 */
function readiness(view: SiteToSiteStatusView): string {
  const { outputs } = view;
  return [view.status, view.tunnels.length, outputs.landingCidr ?? "", outputs.endpoints.length, outputs.resolverIps.length].join("|");
}

/** The live left column: the plan's steps, the tunnels and the endpoint names, polled from the plan route. */
export function SiteToSiteProgress({ initial, accelerated }: { initial: SiteToSiteStatusView; accelerated: boolean }) {
  const { view, isError } = useSiteToSiteStatus(initial);
  useRefreshWhenChanged(readiness(view));

  const run = view.run;
  return (
    <div className="space-y-6">
      <Card
        title={run?.direction === "deprovision" ? "Removal" : "Provisioning"}
        description={run?.direction === "deprovision" ? "Everything is deleted in reverse order." : "Steps run in parallel where they can; AWS's own waits take most of the time."}
      >
        {run ? <PlanSteps run={run} accelerated={accelerated} /> : <p className="text-sm text-slate-500">Provisioning is about to start.</p>}
        {view.status === "failed" && (
          <p className="mt-3 text-sm text-slate-700">Our support team sees this failure and can retry it from the failed step; nothing already built is lost.</p>
        )}
        <p aria-live="polite" className="mt-3 text-xs text-slate-500">
          {isError
            ? "Live updates are paused; retrying…"
            : `${STATUS_LABELS[view.status]} · ${view.status === "removed" ? "nothing left to update" : "updates live"}`}
        </p>
      </Card>

      {view.status !== "removed" && (
        <Card title="Tunnels" description="Your device connects to both outside addresses; AWS reports each tunnel's state.">
          <TunnelStatus tunnels={view.tunnels} />
        </Card>
      )}

      {view.status !== "removed" && view.status !== "removing" && (
        <Card title="Endpoint DNS names" description="Reach each product by these names over the VPN.">
          <EndpointNames outputs={view.outputs} />
        </Card>
      )}
    </div>
  );
}
