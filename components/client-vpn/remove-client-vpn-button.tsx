"use client";

import { removeClientVpn } from "@/app/(app)/connections/client-vpn/actions";
import { RemoveConnectionButton } from "@/components/connections/remove-connection-button";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { useClientVpnStatus } from "./use-client-vpn-status";

/** Removal revokes every device of the connection; the region's shared environment stays for others. */
export function RemoveClientVpnButton({ initial }: { initial: ClientVpnStatusView }) {
  const { refetchNow } = useClientVpnStatus(initial);
  return (
    <RemoveConnectionButton
      connectionId={initial.id}
      action={removeClientVpn}
      warning="Every device on this connection is revoked and loses access. Remove?"
      successMessage="Removal started."
      onRemoved={() => void refetchNow()}
    />
  );
}
