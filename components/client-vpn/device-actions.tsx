"use client";

import { useState } from "react";
import { reissueClientVpnDevice, revokeClientVpnDevice } from "@/app/(app)/connections/client-vpn/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ClientVpnDeviceView } from "@/lib/connectivity/client-vpn/status-view-types";
import type { IssuedLink } from "./download-link-panel";

type Confirming = "reissue" | "revoke" | null;

const WARNINGS: Record<Exclude<Confirming, null>, string> = {
  reissue: "A new certificate and link replace the current ones; the old certificate is revoked. Re-issue?",
  revoke: "This device can no longer connect, and its configuration stops working. Revoke?",
};

/**
 * Re-issue and Revoke for one device, each asking once more: both revoke a certificate, which AWS
 * applies by replacing the endpoint's revocation list.
 */
export function DeviceActions({
  connectionId,
  device,
  onIssued,
  onRevoked,
}: {
  connectionId: string;
  device: ClientVpnDeviceView;
  onIssued: (issued: IssuedLink) => void;
  onRevoked: (device: ClientVpnDeviceView, nextImportAt: string | null) => void;
}) {
  const [confirming, setConfirming] = useState<Confirming>(null);
  const form = useActionForm();
  const input = { connectionId, deviceId: device.id };

  function confirm() {
    if (confirming === "reissue") {
      form.run(reissueClientVpnDevice, input, {
        onSuccess: (issued) => {
          setConfirming(null);
          onIssued({ deviceId: device.id, deviceName: device.name, ...issued, lastDownloadBefore: device.lastDownloadAt });
        },
      });
    } else if (confirming === "revoke") {
      form.run(revokeClientVpnDevice, input, {
        onSuccess: (revoked) => {
          setConfirming(null);
          onRevoked(device, revoked.nextImportAt);
        },
      });
    }
  }

  if (device.status !== "active") return null;
  return (
    <div className="space-y-1.5">
      {confirming ? (
        <div role="group" aria-label={`Confirm for ${device.name}`} className="flex max-w-xs flex-wrap items-center gap-2">
          <span className="text-xs text-slate-700">{WARNINGS[confirming]}</span>
          <Button size="sm" variant={confirming === "revoke" ? "danger" : "primary"} pending={form.pending} onClick={confirm}>
            {confirming === "revoke" ? "Yes, revoke" : "Yes, re-issue"}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => setConfirming("reissue")} aria-label={`Re-issue ${device.name}`}>
            Re-issue
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setConfirming("revoke")} aria-label={`Revoke ${device.name}`}>
            Revoke
          </Button>
        </div>
      )}
      <FormMessage error={form.error} />
    </div>
  );
}
