import type { PlanStepStatus } from "@/db/schema";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";

/**
 * How the Site-to-Site plan reads to a customer: its steps named for what they build, states in
 * words, and durations a person can take in. Pure, so the page renders the same on server and client.
 */
export type Run = NonNullable<SiteToSiteStatusView["run"]>;

const STEP_LABELS: Record<string, string> = {
  landingCidr: "Landing network address block",
  vpc: "Landing VPC",
  subnets: "Subnets in the service's zones",
  securityGroups: "Security groups",
  customerGateway: "Customer gateway for your device",
  vpnConnection: "VPN connection and its two tunnels",
  vpnRouting: "Routes to your networks",
  endpoints: "Interface endpoints to the products",
  resolver: "DNS resolver inbound endpoint",
  activate: "Connection ready",
};

/** The AWS side differs for accelerated VPNs: they land on the provider's shared transit gateway. */
export function stepLabel(name: string, accelerated: boolean): string {
  if (name === "gateway") return accelerated ? "Shared transit gateway" : "Virtual private gateway";
  if (name === "gatewayAttachment") return accelerated ? "Transit gateway attachment and route table" : "Gateway attached to the landing VPC";
  return STEP_LABELS[name] ?? name;
}

export type StepTone = "done" | "active" | "failed" | "idle";

/** A failed or cancelled run works on nothing: its unfinished steps wait for a retry, not for AWS. */
export function isHalted(run: Pick<Run, "status">): boolean {
  return run.status === "failed" || run.status === "cancelled";
}

/** Client VPN's page shares it: its step views admit "cancelled" too. */
export function stepTone(status: PlanStepStatus | "cancelled", halted = false): StepTone {
  switch (status) {
    case "succeeded":
    case "undone":
      return "done";
    case "running":
    case "waiting":
      return halted ? "idle" : "active";
    case "failed":
      return "failed";
    case "pending":
    case "ready":
    case "skipped":
    case "cancelled":
      return "idle";
  }
}

export function stepStateLabel(status: PlanStepStatus, direction: Run["direction"], halted = false): string {
  if (halted && (status === "ready" || status === "running" || status === "waiting")) return "Stopped with the run";
  switch (status) {
    case "pending":
      return "Waiting for earlier steps";
    case "ready":
      return "Queued";
    case "running":
      return direction === "deprovision" ? "Deleting" : "Creating";
    case "waiting":
      return "Waiting for AWS";
    case "succeeded":
    case "undone":
      return direction === "deprovision" ? "Deleted" : "Done";
    case "failed":
      return "Failed";
    case "skipped":
      return "Nothing to delete";
  }
}

/** 850 ms, 12.4 s, 3 min 05 s, 1 h 02 min. */
export function formatElapsed(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(seconds / 3_600)} h ${String(Math.floor((seconds % 3_600) / 60)).padStart(2, "0")} min`;
}

const CLOCK = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", hour12: false });

/** A time of day in UTC, as support would read it out on a call. */
export function formatClock(iso: string): string {
  return `${CLOCK.format(new Date(iso))} UTC`;
}

/**
 * The run's wall time: from its start to its finish, or while it runs to the latest moment its
 * steps were measured at (the server's "now" when it built the view), so server and browser agree.
 */
export function runElapsedMs(run: Run): number | null {
  if (!run.startedAt) return null;
  const start = Date.parse(run.startedAt);
  if (run.finishedAt) return Date.parse(run.finishedAt) - start;
  const ends = run.steps.flatMap((step) => (step.startedAt && step.elapsedMs !== null ? [Date.parse(step.startedAt) + step.elapsedMs] : []));
  return ends.length > 0 ? Math.max(...ends) - start : 0;
}

const IN_FLIGHT: ReadonlySet<PlanStepStatus> = new Set(["pending", "ready", "running", "waiting", "failed"]);

/**
 * The steps whose resources exist right now: those the provisioning run finished, or during a
 * removal those whose undo has not finished yet (a skipped undo had nothing to delete).
 */
export function builtSteps(view: Pick<SiteToSiteStatusView, "status" | "run">): ReadonlySet<string> {
  const run = view.run;
  if (!run || view.status === "removed") return new Set();
  const built = run.steps.filter((step) => (run.direction === "provision" ? step.status === "succeeded" : IN_FLIGHT.has(step.status)));
  return new Set(built.map((step) => step.name));
}
