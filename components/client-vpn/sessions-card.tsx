"use client";

import { disconnectClientVpnSession } from "@/app/(app)/connections/client-vpn/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ClientVpnSessionView, ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { formatBytes } from "./client-vpn-format";
import { useClientVpnStatus } from "./use-client-vpn-status";

/**
 * Who is connected right now, as AWS reports the endpoint's sessions (only this tenant's devices),
 * with the VPN address each has and the public address it connects from.
 * Disconnecting ends a session; the device may connect again, so it says to revoke for good.
 */
export function SessionsCard({ initial, canManage }: { initial: ClientVpnStatusView; canManage: boolean }) {
  const { view, refetchNow } = useClientVpnStatus(initial);
  const disconnect = useActionForm();

  function end(session: ClientVpnSessionView) {
    disconnect.run(
      disconnectClientVpnSession,
      { connectionId: view.id, sessionId: session.sessionId },
      {
        successMessage: `${session.deviceName} is disconnected. It can connect again; revoke it to keep it out.`,
        onSuccess: () => void refetchNow(),
      },
    );
  }

  return (
    <Card title="Connected now" description="Sessions on the endpoint, refreshed every few seconds.">
      <div className="space-y-3">
        <DataTable
          caption="Connected devices"
          rows={view.sessions}
          rowKey={(session) => session.sessionId}
          empty="No device is connected."
          columns={[
            {
              header: "Device",
              cell: (session) => (
                <>
                  <span className="font-medium text-slate-900">{session.deviceName}</span>
                  {session.status !== "active" && <span className="block text-xs text-slate-500">{session.status}</span>}
                </>
              ),
            },
            { header: "Since", cell: (session) => <DateTime value={new Date(session.connectedSince)} /> },
            { header: "VPN address", cell: (session) => <span className="font-mono text-xs">{session.clientIp ?? "—"}</span> },
            // The device's public address comes from the endpoint's connection log; older endpoints have none.
            { header: "From", cell: (session) => <span className="font-mono text-xs">{session.deviceIp ?? "—"}</span> },
            { header: "In", cell: (session) => <span className="tabular-nums">{formatBytes(session.bytesIn)}</span> },
            { header: "Out", cell: (session) => <span className="tabular-nums">{formatBytes(session.bytesOut)}</span> },
            ...(canManage
              ? [
                  {
                    header: "Actions",
                    cell: (session: ClientVpnSessionView) => (
                      <Button size="sm" variant="secondary" pending={disconnect.pending} onClick={() => end(session)} aria-label={`Disconnect ${session.deviceName}`}>
                        Disconnect
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <FormMessage error={disconnect.error} success={disconnect.success} />
      </div>
    </Card>
  );
}
