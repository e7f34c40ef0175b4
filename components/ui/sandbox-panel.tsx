import type { ReactNode } from "react";

/**
 * The frame of every "simulate your side" panel: marked as the sandbox's, so nobody mistakes its
 * buttons for something the portal does with real AWS.
 */
export function SandboxPanel({ id, explanation, children }: { id: string; explanation: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border-2 border-dashed border-amber-300 bg-amber-50 p-5">
      <h2 id={id} className="text-sm font-semibold text-amber-900">
        Sandbox: simulate your side
      </h2>
      <div className="mt-1 text-sm text-amber-900/80">{explanation}</div>
      {children}
    </section>
  );
}
