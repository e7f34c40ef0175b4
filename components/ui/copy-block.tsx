"use client";

import { useState } from "react";
import { cx } from "@/lib/utils";

/** A value or snippet with a copy button; `label` names it for assistive technology. */
export function CopyBlock({ value, label, multiline = false }: { value: string; label: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <div className="group relative">
      <pre
        aria-label={label}
        className={cx(
          "overflow-x-auto rounded-md bg-slate-900 px-3 py-2 pr-16 font-mono text-xs text-slate-100",
          multiline ? "whitespace-pre" : "whitespace-nowrap",
        )}
      >
        {value}
      </pre>
      <button
        type="button"
        onClick={copy}
        className="absolute right-1.5 top-1.5 rounded bg-slate-700 px-2 py-1 text-[11px] font-medium text-slate-100 hover:bg-slate-600"
        aria-label={`Copy ${label}`}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
