import type { FieldErrors } from "@/lib/errors";

/**
 * The server names errors by path ("routing.asn", "onPremCidrs.2", "tunnels.1.preSharedKey"); the
 * form shows each next to the control it belongs to. `under` gathers a field and everything below it.
 */
export function errorsUnder(fieldErrors: FieldErrors, field: string): string[] | undefined {
  const found = Object.entries(fieldErrors).flatMap(([key, messages]) => (key === field || key.startsWith(`${field}.`) ? messages : []));
  return found.length > 0 ? found : undefined;
}

/** Errors for keys the form has no control for, so nothing the server says goes unseen. */
export function errorsElsewhere(fieldErrors: FieldErrors, placed: readonly string[]): string[] {
  return Object.entries(fieldErrors).flatMap(([key, messages]) =>
    placed.some((field) => key === field || key.startsWith(`${field}.`)) ? [] : messages,
  );
}
