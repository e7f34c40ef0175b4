import type { RunView } from "@/lib/engine/runs";

export type PlanConnectionLiveStatus = "provisioning" | "available" | "failed" | "removing" | "removed";

/**
 * What a plan-driven connection (Site-to-Site, Client VPN) shows as its status: a stored `removed`
 * is final; otherwise its latest run decides, so progress and failure need no second copy on the row.
 */
export function planConnectionLiveStatus(stored: string, run: Pick<RunView, "status" | "direction"> | null): PlanConnectionLiveStatus {
  if (stored === "removed") return "removed";
  if (!run) return stored === "removing" ? "removing" : "provisioning";
  if (run.status === "failed") return "failed";
  if (run.direction === "deprovision") return run.status === "succeeded" ? "removed" : "removing";
  return run.status === "succeeded" ? "available" : "provisioning";
}
