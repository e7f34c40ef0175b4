"use client";

import { useLiveStatus, type LiveStatusSource } from "@/components/connections/use-live-status";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";

/** While steps are moving: AWS's own waits are re-checked every few seconds. */
const MOVING_MS = 2_000;
/** Available with a tunnel not UP yet: the customer's device may come up at any moment (telemetry is cached 5 s). */
const AWAITING_DEVICE_MS = 5_000;
/** Settled: tunnels can still change, but rarely. */
const SETTLED_MS = 15_000;

const source: LiveStatusSource<SiteToSiteStatusView> = {
  key: "site-to-site-status",
  url: (id) => `/api/connections/${id}/plan`,
  pollInterval(view) {
    if (view.status === "removed") return false;
    if (view.status === "provisioning" || view.status === "removing") return MOVING_MS;
    if (view.status === "available" && view.tunnels.some((tunnel) => tunnel.status !== "UP")) return AWAITING_DEVICE_MS;
    return SETTLED_MS;
  },
};

/** The Site-to-Site connection's live view, polled from the plan route: its run's steps and its tunnels. */
export function useSiteToSiteStatus(initial: SiteToSiteStatusView) {
  return useLiveStatus(source, initial);
}
