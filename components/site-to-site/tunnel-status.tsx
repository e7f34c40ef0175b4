import { Badge } from "@/components/ui/badge";
import type { TunnelView } from "@/lib/connectivity/site-to-site/status-view";
import { formatClock } from "./plan-format";

export function TunnelBadge({ status }: { status: TunnelView["status"] }) {
  if (status === "UP") return <Badge tone="success">UP</Badge>;
  if (status === "DOWN") return <Badge tone="danger">DOWN</Badge>;
  return <Badge>Unknown</Badge>;
}

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Both tunnels as AWS reports them: the outside address the customer's device connects to, the
 * inside CIDR its BGP session (or static route) uses, and UP/DOWN from the VPN's telemetry.
 */
export function TunnelStatus({ tunnels }: { tunnels: TunnelView[] }) {
  if (tunnels.length === 0) {
    return <p className="text-sm text-slate-500">The tunnels appear here once AWS has created the VPN connection.</p>;
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {tunnels.map((tunnel) => (
        <li key={tunnel.number} aria-label={`Tunnel ${tunnel.number}`} className="rounded-md p-3 ring-1 ring-slate-200">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-900">Tunnel {tunnel.number}</h3>
            <TunnelBadge status={tunnel.status} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Outside IP (AWS)</dt>
            <dd className="font-mono text-slate-900">{tunnel.outsideIp}</dd>
            <dt className="text-slate-500">Inside CIDR</dt>
            <dd className="font-mono text-slate-900">{tunnel.insideCidr}</dd>
            <dt className="text-slate-500">Last change</dt>
            <dd className="text-slate-700">
              {tunnel.lastStatusChange ? (
                <time dateTime={tunnel.lastStatusChange}>
                  {DATE.format(new Date(tunnel.lastStatusChange))}, {formatClock(tunnel.lastStatusChange)}
                </time>
              ) : (
                "—"
              )}
            </dd>
            {tunnel.statusMessage && (
              <>
                <dt className="text-slate-500">AWS says</dt>
                <dd className="text-slate-700">{tunnel.statusMessage}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
