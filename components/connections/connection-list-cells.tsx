import Link from "next/link";
import { stepLabel } from "@/components/site-to-site/plan-format";
import type { ConnectivityType } from "@/db/schema";
import type { ConnectionListRow } from "@/lib/dal/connection-list";
import { StatusBadge } from "./status-badge";

/** The cells the customer's and support's connection lists share, one per column. */

export const TYPE_LABELS: Record<ConnectivityType, string> = {
  privatelink: "PrivateLink",
  site_to_site: "Site-to-Site VPN",
  client_vpn: "Client VPN",
};

const CLOUD_LABELS: Record<string, string> = {
  azure: "Azure",
  gcp: "Google Cloud",
  oracle: "Oracle Cloud",
  other: "Other cloud",
};

function whereFrom(row: Extract<ConnectionListRow, { type: "site_to_site" }>): string {
  if (row.location === "on_premises") return "On premises";
  return CLOUD_LABELS[row.cloud ?? "other"] ?? "Other cloud";
}

/** The connection's name, linking to its page: the customer's label, else what it connects. */
export function ConnectionLink({ row }: { row: ConnectionListRow }) {
  const name = row.label || (row.type === "site_to_site" ? row.siteName : `${row.products.join(", ")} · ${row.region}`);
  return (
    <Link href={`/connections/${row.id}`} className="font-medium text-brand-700 hover:underline">
      {name}
    </Link>
  );
}

export function TypeCell({ row }: { row: ConnectionListRow }) {
  return <span className="whitespace-nowrap">{TYPE_LABELS[row.type]}</span>;
}

/**
 * What is connected on the customer's side: an AWS account and its endpoint, or a site and its VPN
 * device. The site's name is left out when it already names the connection.
 */
export function SourceCell({ row }: { row: ConnectionListRow }) {
  if (row.type === "privatelink") {
    return (
      <div>
        <p>
          AWS account <span className="font-mono text-xs">{row.awsAccountId}</span>
        </p>
        <p className="font-mono text-xs text-slate-500">{row.vpcEndpointId ?? "no endpoint yet"}</p>
      </div>
    );
  }
  if (row.type === "client_vpn") {
    return (
      <div>
        <p>
          {row.deviceCount} {row.deviceCount === 1 ? "device" : "devices"}
        </p>
        <p className="text-xs text-slate-500">Remote machines and people</p>
      </div>
    );
  }
  return (
    <div>
      {row.label && row.label !== row.siteName && <p>{row.siteName}</p>}
      <p>
        Device <span className="font-mono text-xs">{row.deviceIp}</span>
      </p>
      <p className="text-xs text-slate-500">{whereFrom(row)}</p>
    </div>
  );
}

export function ProductsCell({ row }: { row: ConnectionListRow }) {
  return (
    <span>
      {row.products.join(", ")} <span className="whitespace-nowrap text-slate-500">({row.region})</span>
    </span>
  );
}

/**
 * The status and, for a failed connection, where it stopped. Support also sees the step's own name
 * and the error code, which is what they search logs and AWS's documentation for.
 */
export function StatusCell({ row, forSupport = false }: { row: ConnectionListRow; forSupport?: boolean }) {
  const failure = row.failure;
  const codes = forSupport && failure ? [failure.step, failure.code].filter((part): part is string => Boolean(part)) : [];
  return (
    <div>
      <StatusBadge status={row.status} />
      {failure?.step && <p className="mt-1 text-xs text-red-700">Failed at: {stepLabel(failure.step, row.type === "site_to_site" && row.accelerated)}</p>}
      {codes.length > 0 && <p className="mt-0.5 font-mono text-xs text-red-700">{codes.join(" · ")}</p>}
    </div>
  );
}
