"use client";

import { useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import type { ClientVpnDeviceView, ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { AddDeviceForm } from "./add-device-form";
import { DEVICE_STATUS_LABELS, formatTimeOfDay } from "./client-vpn-format";
import { DeviceActions } from "./device-actions";
import { DownloadLinkPanel, type IssuedLink } from "./download-link-panel";
import { useClientVpnStatus } from "./use-client-vpn-status";

const DEVICE_TONES: Record<ClientVpnDeviceView["status"], Tone> = { active: "success", revoked: "neutral", expired: "warning" };

const date = (iso: string | null) => <DateTime value={iso ? new Date(iso) : null} />;

/** Said after every revocation: AWS replaces the whole list on import and resets every session on the endpoint. */
function revocationNotice(deviceName: string, nextImportAt: string | null): string {
  // No import is queued when none of the device's configurations was ever downloaded: nothing can connect with it.
  if (!nextImportAt) return `${deviceName} is revoked. Its configuration was never downloaded, so nothing changes on the endpoint.`;
  return `${deviceName} is revoked. Revocations are applied together: next import at ${formatTimeOfDay(nextImportAt)} — connected devices on the shared endpoint reconnect automatically.`;
}

/**
 * The tenant's devices on this connection: add one, hand out its one-time link, re-issue or revoke.
 * Viewers see the list only; the server refuses them the actions anyway.
 */
export function DevicesCard({ initial, canManage }: { initial: ClientVpnStatusView; canManage: boolean }) {
  const { view, refetchNow } = useClientVpnStatus(initial);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ready = view.status === "available";

  function showIssued(link: IssuedLink) {
    setNotice(null);
    setIssued(link);
    void refetchNow();
  }

  function showRevoked(device: ClientVpnDeviceView, nextImportAt: string | null) {
    if (issued?.deviceId === device.id) setIssued(null);
    setNotice(revocationNotice(device.name, nextImportAt));
    void refetchNow();
  }

  // Revocations queued on the shared endpoint (any tenant's, or expiries): their import resets this tenant's sessions too.
  const nextImport = view.revocation.pendingSince !== null ? view.revocation.nextImportAt : null;
  return (
    <Card title="Devices" description="Each device or person connects with a configuration of its own.">
      <div className="space-y-4">
        {canManage && ready && <AddDeviceForm connectionId={view.id} onIssued={showIssued} />}
        {canManage && !ready && <p className="text-sm text-slate-500">You can add devices once the connection is available.</p>}
        {issued && <DownloadLinkPanel issued={issued} device={view.devices.find((d) => d.id === issued.deviceId)} onClose={() => setIssued(null)} />}
        <div aria-live="polite" role="status">
          {notice && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{notice}</p>}
        </div>
        {!notice && nextImport && <p className="text-xs text-slate-600">Revocations waiting to be applied: next import at {formatTimeOfDay(nextImport)}.</p>}
        <DataTable
          caption="Devices"
          rows={view.devices}
          rowKey={(device) => device.id}
          empty="No devices yet."
          columns={[
            { header: "Name", cell: (device) => <span className="font-medium text-slate-900">{device.name}</span> },
            { header: "Status", cell: (device) => <Badge tone={DEVICE_TONES[device.status]}>{DEVICE_STATUS_LABELS[device.status]}</Badge> },
            { header: "Created", cell: (device) => date(device.createdAt) },
            {
              header: "Expires",
              cell: (device) =>
                device.status === "revoked" ? (
                  <span className="text-xs text-slate-600">Revoked {date(device.revokedAt)}</span>
                ) : (
                  <DateTime value={device.expiresAt ? new Date(device.expiresAt) : null} fallback="Never" />
                ),
            },
            {
              header: "Last download",
              cell: (device) =>
                device.pendingDownloadExpiresAt ? (
                  <span className="text-xs text-slate-600">
                    Link waiting until <DateTime value={new Date(device.pendingDownloadExpiresAt)} />
                  </span>
                ) : (
                  <DateTime value={device.lastDownloadAt ? new Date(device.lastDownloadAt) : null} fallback="Not yet" />
                ),
            },
            ...(canManage
              ? [{ header: "Actions", cell: (device: ClientVpnDeviceView) => <DeviceActions connectionId={view.id} device={device} onIssued={showIssued} onRevoked={showRevoked} /> }]
              : []),
          ]}
        />
      </div>
    </Card>
  );
}
