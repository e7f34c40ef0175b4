import type { ClientVpnDeviceView, ClientVpnStepView } from "@/lib/connectivity/client-vpn/status-view-types";

/**
 * How the Client VPN page reads to a customer: the shared environment's steps named for what they
 * build, device states in words, byte counts a person can take in. Pure, so server and browser agree.
 */

const STEP_LABELS: Record<string, string> = {
  // The region's shared environment (lib/connectivity/client-vpn/plan.ts).
  addresses: "Address blocks for the landing network and the clients",
  certificates: "Server and client certificate authorities",
  connectionLog: "Connection log (CloudWatch Logs)",
  vpc: "Shared landing VPC",
  subnets: "Subnets in two zones",
  securityGroups: "Security groups",
  productEndpoints: "Interface endpoints to the products",
  endpoint: "Client VPN endpoint",
  associations: "Endpoint associated with the subnets",
  authorization: "Access limited to the products",
  // The connection's own plan: it waits for the environment, then opens the tenant's access.
  environment: "The region's shared environment",
  // Both plans end with this step; the list shows the environment's steps before the connection's.
  activate: "Ready for use",
};

export function clientVpnStepLabel(name: string): string {
  return STEP_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (first) => first.toUpperCase());
}

const STEP_STATES: Record<ClientVpnStepView["status"], string> = {
  pending: "Waiting for earlier steps",
  running: "Creating",
  waiting: "Waiting for AWS",
  succeeded: "Done",
  failed: "Failed",
  undone: "Deleted",
  skipped: "Not needed",
  cancelled: "Cancelled",
};

export function clientVpnStepState(status: ClientVpnStepView["status"]): string {
  return STEP_STATES[status];
}

export const DEVICE_STATUS_LABELS: Record<ClientVpnDeviceView["status"], string> = {
  active: "Active",
  revoked: "Revoked",
  expired: "Expired",
};

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 0 B, 512 B, 1.5 KB, 23 MB, 1.2 GB: decimal units, as AWS's console and most clients count. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${BYTE_UNITS[unit]}`;
}

const TIME_OF_DAY = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hour12: false });

/** "14:05 UTC": when the next revocation import runs, as support would read it out on a call. */
export function formatTimeOfDay(iso: string): string {
  return `${TIME_OF_DAY.format(new Date(iso))} UTC`;
}

/** The earliest expiry date to offer: access lasts to the end of the chosen day in UTC, so today is the first. */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}
