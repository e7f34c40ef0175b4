"use client";

import { useLiveStatus, type LiveStatusSource } from "@/components/connections/use-live-status";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";

/** While the shared environment is built or the connection removed: AWS's waits are re-checked every few seconds. */
const MOVING_MS = 2_000;
/** Available: devices connect and disconnect at any moment, and AWS lists sessions with a short delay. */
const SETTLED_MS = 5_000;

const source: LiveStatusSource<ClientVpnStatusView> = {
  key: "client-vpn-status",
  url: (id) => `/api/connections/${id}/client-vpn`,
  pollInterval(view) {
    if (view.status === "removed") return false;
    if (view.status === "provisioning" || view.status === "removing") return MOVING_MS;
    return SETTLED_MS;
  },
};

/** The Client VPN connection's live view: its environment's build, devices and sessions. */
export function useClientVpnStatus(initial: ClientVpnStatusView) {
  return useLiveStatus(source, initial);
}
