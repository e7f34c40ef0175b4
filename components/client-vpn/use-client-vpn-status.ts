"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";

/** While the shared environment is built or the connection removed: AWS's waits are re-checked every few seconds. */
const MOVING_MS = 2_000;
/** Available: devices connect and disconnect at any moment, and AWS lists sessions with a short delay. */
const SETTLED_MS = 5_000;

function pollInterval(view: ClientVpnStatusView): number | false {
  if (view.status === "removed") return false;
  if (view.status === "provisioning" || view.status === "removing") return MOVING_MS;
  return SETTLED_MS;
}

async function fetchView(id: string): Promise<ClientVpnStatusView> {
  const response = await fetch(`/api/connections/${id}/client-vpn`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  const view: ClientVpnStatusView = await response.json();
  return view;
}

export const clientVpnQueryKey = (id: string) => ["client-vpn-status", id] as const;

/**
 * The connection's live view. Every part of the page calls this with the server's first view; they
 * share one query, so the page makes one request per interval.
 */
export function useClientVpnStatus(initial: ClientVpnStatusView) {
  const queryClient = useQueryClient();
  const { data, isError } = useQuery({
    queryKey: clientVpnQueryKey(initial.id),
    queryFn: () => fetchView(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data ? pollInterval(query.state.data) : MOVING_MS),
  });
  /** Asks for a fresh view now, after the page itself changed something. */
  const refetchNow = useCallback(() => queryClient.invalidateQueries({ queryKey: clientVpnQueryKey(initial.id) }), [queryClient, initial.id]);
  return { view: data, isError, refetchNow };
}
