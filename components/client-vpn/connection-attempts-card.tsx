"use client";

import { formatElapsed } from "@/components/site-to-site/plan-format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import type { ClientVpnAttemptView, ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { useClientVpnStatus } from "./use-client-vpn-status";

function duration(attempt: ClientVpnAttemptView): string {
  if (attempt.result === "refused") return "—";
  return attempt.durationSeconds === null ? "Still connected" : formatElapsed(attempt.durationSeconds * 1000);
}

/**
 * The tenant's devices' connection attempts of the last day, from the endpoint's connection log:
 * when, from which public address, and whether the endpoint let the device in (AWS's reason when
 * it did not, such as a revoked certificate). Endpoints built before logging was turned on have no
 * log, and the card says so rather than showing an empty list.
 */
export function ConnectionAttemptsCard({ initial }: { initial: ClientVpnStatusView }) {
  const { view } = useClientVpnStatus(initial);
  const log = view.connectionLog;
  return (
    <Card title="Recent connection attempts" description="The last 24 hours, newest first, from the endpoint's connection log.">
      {log.enabled ? (
        <DataTable
          caption="Recent connection attempts"
          rows={log.attempts}
          rowKey={(attempt) => attempt.connectionId}
          empty="No device tried to connect in the last 24 hours."
          columns={[
            { header: "Device", cell: (attempt) => <span className="font-medium text-slate-900">{attempt.deviceName}</span> },
            { header: "When", cell: (attempt) => <DateTime value={new Date(attempt.at)} /> },
            { header: "From", cell: (attempt) => <span className="font-mono text-xs">{attempt.deviceIp ?? "—"}</span> },
            {
              header: "Result",
              cell: (attempt) =>
                attempt.result === "connected" ? (
                  <Badge tone="success">Connected</Badge>
                ) : (
                  <>
                    <Badge tone="danger">Refused</Badge>
                    {attempt.failureReason && <span className="block text-xs text-slate-500">{attempt.failureReason}</span>}
                  </>
                ),
            },
            { header: "Duration", cell: (attempt) => <span className="tabular-nums">{duration(attempt)}</span> },
          ]}
        />
      ) : (
        <p className="text-sm text-slate-600">Connection logging is off for this endpoint.</p>
      )}
    </Card>
  );
}
