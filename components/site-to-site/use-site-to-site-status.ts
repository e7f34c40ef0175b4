"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";

/** While steps are moving: AWS's own waits are re-checked every few seconds. */
const MOVING_MS = 2_000;
/** Available with a tunnel not UP yet: the customer's device may come up at any moment (telemetry is cached 5 s). */
const AWAITING_DEVICE_MS = 5_000;
/** Settled: tunnels can still change, but rarely. */
const SETTLED_MS = 15_000;

function pollInterval(view: SiteToSiteStatusView): number | false {
  if (view.status === "removed") return false;
  if (view.status === "provisioning" || view.status === "removing") return MOVING_MS;
  if (view.status === "available" && view.tunnels.some((tunnel) => tunnel.status !== "UP")) return AWAITING_DEVICE_MS;
  return SETTLED_MS;
}

async function fetchView(id: string): Promise<SiteToSiteStatusView> {
  const response = await fetch(`/api/connections/${id}/plan`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  const view: SiteToSiteStatusView = await response.json();
  return view;
}

export const siteToSiteQueryKey = (id: string) => ["site-to-site-status", id] as const;

/**
 * The connection's live view, polled from the plan route. Every part of the page calls this with
 * the server's first view; they share one query, so the page makes one request per interval.
 */
export function useSiteToSiteStatus(initial: SiteToSiteStatusView) {
  const queryClient = useQueryClient();
  const { data, isError } = useQuery({
    queryKey: siteToSiteQueryKey(initial.id),
    queryFn: () => fetchView(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data ? pollInterval(query.state.data) : MOVING_MS),
  });
  /** Asks for a fresh view now, after the page itself changed something. */
  const refetchNow = useCallback(() => queryClient.invalidateQueries({ queryKey: siteToSiteQueryKey(initial.id) }), [queryClient, initial.id]);
  return { view: data, isError, refetchNow };
}
