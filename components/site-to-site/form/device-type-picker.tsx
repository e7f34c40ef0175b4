"use client";

import { SelectField } from "@/components/ui/field";
import type { VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";
import { resolveDevice, vendorsOf, type DeviceChoice } from "./device-choice";
import { FieldNote, useFieldNote } from "@/components/ui/field-note";

/** Vendor, then platform, then software, from GetVpnConnectionDeviceTypes. */
export function DeviceTypePicker({
  legend,
  types,
  choice,
  onChange,
  hint,
  errors,
}: {
  legend: string;
  /** Null when AWS's list could not be read. */
  types: readonly VpnDeviceType[] | null;
  choice: DeviceChoice;
  onChange: (choice: DeviceChoice) => void;
  hint: string;
  errors?: string[];
}) {
  const note = useFieldNote(hint, undefined);
  if (types === null) {
    return (
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-800">{legend}</legend>
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          AWS&apos;s list of VPN devices could not be read just now, so a connection cannot be requested. Reload the page in a minute to try again.
        </p>
      </fieldset>
    );
  }
  const vendors = vendorsOf(types);
  const resolved = resolveDevice(types, choice);
  // The error goes on the first select still to choose, where the customer has to act.
  const missing = !choice.vendor ? "vendor" : !resolved.platform ? "platform" : "software";
  const errorsAt = (level: typeof missing) => (level === missing ? errors : undefined);
  return (
    <fieldset className="space-y-2" aria-describedby={note.describedBy}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Vendor"
          value={choice.vendor}
          onChange={(event) => onChange({ vendor: event.target.value, platform: "", software: "" })}
          placeholder="Choose a vendor"
          options={vendors.map((vendor) => ({ value: vendor, label: vendor }))}
          errors={errorsAt("vendor")}
        />
        <SelectField
          label="Platform"
          value={resolved.platform}
          onChange={(event) => onChange({ ...choice, platform: event.target.value, software: "" })}
          placeholder={choice.vendor ? "Choose a platform" : "Choose a vendor first"}
          disabled={!choice.vendor}
          options={resolved.platforms.map((platform) => ({ value: platform, label: platform }))}
          errors={errorsAt("platform")}
        />
        <SelectField
          label="Software"
          value={resolved.software}
          onChange={(event) => onChange({ ...choice, platform: resolved.platform, software: event.target.value })}
          placeholder={resolved.platform ? "Choose a version" : "Choose a platform first"}
          disabled={!resolved.platform}
          options={resolved.softwares.map((software) => ({ value: software, label: software }))}
          errors={errorsAt("software")}
        />
      </div>
      <FieldNote id={note.id} hint={hint} />
    </fieldset>
  );
}
