"use client";

import { useState } from "react";
import { simulateClientVpnDevice } from "@/app/(app)/connections/client-vpn/actions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SandboxPanel } from "@/components/ui/sandbox-panel";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ClientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view-types";
import { DEVICE_STATUS_LABELS } from "./client-vpn-format";
import { useClientVpnStatus } from "./use-client-vpn-status";

/**
 * Sandbox only: plays a person opening the VPN client with a device's configuration. Revoked and
 * expired devices stay in the list on purpose, so anyone can see the endpoint refuse them.
 */
export function SimulateDevicesPanel({ initial }: { initial: ClientVpnStatusView }) {
  const { view, refetchNow } = useClientVpnStatus(initial);
  const form = useActionForm();
  const [chosen, setChosen] = useState("");
  const device = view.devices.find((d) => d.id === chosen) ?? view.devices[0];
  const connected = device !== undefined && view.sessions.some((session) => session.deviceId === device.id);
  const ready = view.status === "available";

  function simulate(action: "connect" | "disconnect") {
    if (!device) return;
    form.run(
      simulateClientVpnDevice,
      { connectionId: view.id, deviceId: device.id, action },
      // The line under the buttons follows the endpoint's sessions, so success needs no message of its own.
      { onSuccess: () => void refetchNow() },
    );
  }

  return (
    <SandboxPanel
      id="simulate-devices-heading"
      explanation={
        <p>
          This portal runs against a simulated AWS. These buttons act as a device whose VPN client imported its configuration: the endpoint
          checks its certificate against the revocation list, as AWS does. With real AWS the person at the device does this.
        </p>
      }
    >
      {!ready || view.devices.length === 0 ? (
        <p className="mt-2 text-sm text-amber-900/80">Add a device once the connection is available, then connect it here.</p>
      ) : (
        <div className="mt-3 space-y-3">
          <SelectField
            label="Device"
            value={device?.id ?? ""}
            onChange={(event) => setChosen(event.target.value)}
            options={view.devices.map((d) => ({ value: d.id, label: d.status === "active" ? d.name : `${d.name} (${DEVICE_STATUS_LABELS[d.status].toLowerCase()})` }))}
          />
          <p aria-live="polite" className="text-sm font-medium text-amber-900">
            {device ? `${device.name} ${connected ? "is connected now." : "is not connected."}` : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" pending={form.pending} disabled={connected} onClick={() => simulate("connect")}>
              Connect device
            </Button>
            <Button size="sm" variant="secondary" pending={form.pending} disabled={!connected} onClick={() => simulate("disconnect")}>
              Disconnect device
            </Button>
          </div>
        </div>
      )}
      <div className="mt-2">
        <FormMessage error={form.error} />
      </div>
    </SandboxPanel>
  );
}
