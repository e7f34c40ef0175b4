"use client";

import { TextField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { AZURE_APIPA_RANGE, RESERVED_TUNNEL_INSIDE_CIDRS } from "@/lib/connectivity/site-to-site/input";
import { errorsUnder } from "./field-errors";

export const TUNNEL_NUMBERS = [1, 2] as const;

/** The form's field names for a tunnel's options, read back at submit. */
export function tunnelFieldNames(tunnel: (typeof TUNNEL_NUMBERS)[number]) {
  return { insideCidr: `tunnel${tunnel}InsideCidr`, preSharedKey: `tunnel${tunnel}PreSharedKey` };
}

const RESERVED_TEXT = `${RESERVED_TUNNEL_INSIDE_CIDRS[0]} to ${RESERVED_TUNNEL_INSIDE_CIDRS.at(-2)} and ${RESERVED_TUNNEL_INSIDE_CIDRS.at(-1)}`;

/**
 * Per-tunnel inside CIDR and pre-shared key, with AWS's rules. Collapsed by default: AWS picks good
 * values, and most customers never need these. Opens by itself when one of them was refused.
 */
export function TunnelOptions({ fieldErrors, azureBgp, open, onToggle }: { fieldErrors: FieldErrors; azureBgp: boolean; open: boolean; onToggle: (open: boolean) => void }) {
  const refused = errorsUnder(fieldErrors, "tunnels");
  const insideHint = azureBgp
    ? `Azure takes BGP addresses only from ${AZURE_APIPA_RANGE.first} to ${AZURE_APIPA_RANGE.last}: a /30 there, e.g. 169.254.21.0/30. Leave empty and Onramp picks a free one.`
    : `A /30 in 169.254.0.0/16, e.g. 169.254.10.0/30, other than ${RESERVED_TEXT} (AWS uses those). Leave empty and AWS picks one.`;
  const keyHint = "8 to 64 letters, digits, periods (.) and underscores (_), not starting with 0. Leave empty and AWS generates one. Kept encrypted.";
  return (
    <details open={open || Boolean(refused)} onToggle={(event) => onToggle(event.currentTarget.open)} className="rounded-md ring-1 ring-slate-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">Advanced: tunnel addresses and pre-shared keys</summary>
      <div className="space-y-4 border-t border-slate-100 px-3 py-3">
        {fieldErrors.tunnels && <p className="text-xs font-medium text-red-700">{fieldErrors.tunnels.join(" ")}</p>}
        <div className="grid gap-4 sm:grid-cols-2">
          {TUNNEL_NUMBERS.map((tunnel) => {
            const names = tunnelFieldNames(tunnel);
            const index = tunnel - 1;
            return (
              <fieldset key={tunnel} className="space-y-3">
                <legend className="text-sm font-semibold text-slate-900">Tunnel {tunnel}</legend>
                <TextField
                  label={`Tunnel ${tunnel} inside CIDR`}
                  name={names.insideCidr}
                  placeholder={azureBgp ? `169.254.21.${index * 4}/30` : `169.254.${10 + index}.0/30`}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={18}
                  hint={insideHint}
                  errors={fieldErrors[`tunnels.${index}.insideCidr`]}
                />
                <TextField
                  label={`Tunnel ${tunnel} pre-shared key`}
                  name={names.preSharedKey}
                  type="password"
                  autoComplete="new-password"
                  spellCheck={false}
                  maxLength={64}
                  hint={keyHint}
                  errors={fieldErrors[`tunnels.${index}.preSharedKey`]}
                />
              </fieldset>
            );
          })}
        </div>
      </div>
    </details>
  );
}
