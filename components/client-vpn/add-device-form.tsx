"use client";

import { useState, type FormEvent } from "react";
import { addClientVpnDevice } from "@/app/(app)/connections/client-vpn/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { todayUtc } from "./client-vpn-format";
import type { IssuedLink } from "./download-link-panel";

/** A device or person by name, with an optional last day; the server issues its certificate and link. */
export function AddDeviceForm({ connectionId, onIssued }: { connectionId: string; onIssued: (issued: IssuedLink) => void }) {
  const { pending, error, fieldErrors, run } = useActionForm();
  // The earliest expiry the picker offers, fixed for the life of the form.
  const [minDate] = useState(() => todayUtc(new Date()));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const expiresOn = String(data.get("expiresOn") ?? "");
    run(
      addClientVpnDevice,
      { connectionId, name, expiresOn: expiresOn === "" ? undefined : expiresOn },
      {
        onSuccess: (added) => {
          form.reset();
          onIssued({ deviceId: added.deviceId, deviceName: name, downloadUrl: added.downloadUrl, linkExpiresAt: added.linkExpiresAt, lastDownloadBefore: null });
        },
      },
    );
  }

  return (
    <form method="post" onSubmit={submit} noValidate aria-label="Add a device" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <TextField
          label="Device or person"
          name="name"
          maxLength={64}
          autoComplete="off"
          placeholder="Dana's laptop"
          hint="Each gets a certificate of its own, so you can cut one off without touching the others."
          errors={fieldErrors.name}
        />
        <TextField
          label="Expires on (optional)"
          name="expiresOn"
          type="date"
          min={minDate}
          hint="Its access ends at the end of this day (UTC)."
          errors={fieldErrors.expiresOn}
        />
      </div>
      <FormMessage error={error} />
      <Button type="submit" size="sm" pending={pending}>
        Add device
      </Button>
    </form>
  );
}
