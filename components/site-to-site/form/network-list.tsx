"use client";

import type { ClipboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { ON_PREM_CIDR_LIMIT } from "@/lib/connectivity/site-to-site/input";
import { cx } from "@/lib/utils";
import { FieldNote, useFieldNote } from "@/components/ui/field-note";

export interface NetworkRow {
  /** Stable across edits, so a row keeps its error when rows above it are added or removed. */
  key: number;
  value: string;
}

/** Splits pasted text into networks: one per line, or separated by commas, semicolons or spaces. */
function splitNetworks(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part !== "");
}

/**
 * The customer's on-premises networks as rows, one CIDR each, with an error beside the entry it is
 * about. Pasting a list into a row spreads it over new rows.
 */
export function NetworkList({
  rows,
  onChange,
  nextKey,
  rowErrors,
  errors,
}: {
  rows: NetworkRow[];
  onChange: (rows: NetworkRow[]) => void;
  nextKey: () => number;
  /** Errors per row key. */
  rowErrors: ReadonlyMap<number, string[]>;
  /** Errors about the list as a whole. */
  errors?: string[];
}) {
  const hint = `The IPv4 networks at your site that need the service, e.g. 10.20.0.0/16, up to ${ON_PREM_CIDR_LIMIT}. They must not overlap each other; the landing network on AWS avoids them all.`;
  const note = useFieldNote(hint, errors);

  function update(key: number, value: string) {
    onChange(rows.map((row) => (row.key === key ? { ...row, value } : row)));
  }

  function paste(key: number, event: ClipboardEvent<HTMLInputElement>) {
    const parts = splitNetworks(event.clipboardData.getData("text"));
    if (parts.length < 2) return;
    event.preventDefault();
    const index = rows.findIndex((row) => row.key === key);
    const pasted = parts.map((value) => ({ key: nextKey(), value }));
    const current = rows[index];
    // Into an empty row the list replaces it; after typed text it goes below.
    const keep = current && current.value.trim() !== "" ? [current] : [];
    onChange([...rows.slice(0, index), ...keep, ...pasted, ...rows.slice(index + 1)].slice(0, ON_PREM_CIDR_LIMIT));
  }

  return (
    <fieldset className="space-y-2">
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Your networks</legend>
      <ul className="space-y-2">
        {rows.map((row, index) => {
          const problems = rowErrors.get(row.key);
          const inputId = `${note.id}-network-${row.key}`;
          return (
            <li key={row.key} className="space-y-1">
              <div className="flex items-center gap-2">
                <label htmlFor={inputId} className="w-24 shrink-0 text-sm text-slate-700">
                  Network {index + 1}
                </label>
                <input
                  id={inputId}
                  value={row.value}
                  onChange={(event) => update(row.key, event.target.value)}
                  onPaste={(event) => paste(row.key, event)}
                  placeholder="10.20.0.0/16"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={40}
                  aria-invalid={problems || note.invalid ? true : undefined}
                  aria-describedby={problems ? `${inputId}-error` : note.describedBy}
                  className={cx(
                    "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500",
                    problems ? "ring-red-400" : "ring-slate-300",
                  )}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  disabled={rows.length === 1}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                  aria-label={`Remove network ${index + 1}`}
                >
                  Remove
                </Button>
              </div>
              {problems && (
                <p id={`${inputId}-error`} className="pl-26 text-xs font-medium text-red-700">
                  {problems.join(" ")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        disabled={rows.length >= ON_PREM_CIDR_LIMIT}
        onClick={() => onChange([...rows, { key: nextKey(), value: "" }])}
      >
        Add network
      </Button>
      <FieldNote id={note.id} hint={hint} errors={errors} />
    </fieldset>
  );
}
