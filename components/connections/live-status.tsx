"use client";

import { useQuery } from "@tanstack/react-query";
import { CopyBlock } from "@/components/ui/copy-block";
import { Card } from "@/components/ui/card";
import type { ConnectionStatus } from "@/db/schema";
import { dnsTestCommands } from "@/lib/configs/privatelink-snippets";
import { isSettled, type ConnectionStatusView } from "@/lib/connectivity/privatelink/status-view";
import { cx } from "@/lib/utils";
import { STATUS_LABELS, StatusBadge } from "./status-badge";
import { useRefreshWhenChanged } from "./use-refresh-when-changed";

const STEPS: Array<{ label: string; reachedAt: number }> = [
  { label: "Account allow-listed", reachedAt: 1 },
  { label: "Waiting for your endpoint", reachedAt: 2 },
  { label: "Accepting", reachedAt: 3 },
  { label: "Available", reachedAt: 4 },
];

/** How far along the timeline a status is: steps below this number are done. */
const PROGRESS: Record<ConnectionStatus, number> = {
  allowlisting: 0,
  awaiting_endpoint: 1,
  accepting: 2,
  available: 4,
  failed: 0,
  removing: 0,
  removed: 0,
};

const FAST_MS = 2_000;
const SLOW_MS = 15_000;

async function fetchStatus(id: string): Promise<ConnectionStatusView> {
  const response = await fetch(`/api/connections/${id}/status`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  const view: ConnectionStatusView = await response.json();
  return view;
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The connection's live state: polled every 2 s while something is moving, then every 15 s. */
export function LiveStatus({ initial, ports, privateDnsName }: { initial: ConnectionStatusView; ports: number[]; privateDnsName: string | null }) {
  const { data, isError } = useQuery({
    queryKey: ["connection-status", initial.id],
    queryFn: () => fetchStatus(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isSettled(query.state.data.status) ? SLOW_MS : FAST_MS),
  });

  // Parts of the page rendered on the server (buttons that depend on the status) follow along.
  useRefreshWhenChanged(data.status);

  const progress = PROGRESS[data.status];
  // AWS lists the private DNS name among the entries when private DNS is on; show it once either way.
  const names = [...new Set([...data.dnsEntries.map((e) => e.dnsName), ...(data.status === "available" && privateDnsName ? [privateDnsName] : [])])];

  return (
    <div className="space-y-6">
      <Card title="Status" actions={<StatusBadge status={data.status} />}>
        {data.status === "removing" || data.status === "removed" ? (
          <p className="text-sm text-slate-600">{data.status === "removed" ? "This connection was removed." : "Removing this connection…"}</p>
        ) : (
          <ol className="grid gap-2 sm:grid-cols-4" aria-label="Progress">
            {STEPS.map((s, i) => {
              const done = progress >= s.reachedAt;
              const current = !done && progress === i && data.status !== "failed";
              return (
                <li
                  key={s.label}
                  aria-current={current ? "step" : undefined}
                  className={cx(
                    "rounded-md px-3 py-2 text-sm ring-1",
                    done && "bg-emerald-50 text-emerald-800 ring-emerald-200",
                    current && "bg-brand-50 font-medium text-brand-700 ring-brand-100",
                    !done && !current && "text-slate-500 ring-slate-200",
                  )}
                >
                  {done ? "✓ " : current ? "… " : ""}
                  {s.label}
                </li>
              );
            })}
          </ol>
        )}
        {data.status === "failed" && (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {data.errorMessage ?? "Something went wrong."} Our support team can retry it for you.
          </p>
        )}
        {data.status === "awaiting_endpoint" && (
          <p className="mt-3 text-sm text-slate-600">Your account is allowed. Create the interface endpoint with one of the snippets below; this page updates by itself.</p>
        )}
        <p aria-live="polite" className="mt-3 text-xs text-slate-500">
          {isError ? "Live updates are paused; retrying…" : `${STATUS_LABELS[data.status]} · updated ${TIME.format(new Date(data.updatedAt))} UTC`}
        </p>
      </Card>

      {data.status === "available" && data.vpcEndpointId && (
        <Card title="Your endpoint" description="Test each name from a machine in your VPC.">
          <div className="space-y-4">
            <CopyBlock value={data.vpcEndpointId} label="Endpoint ID" />
            {dnsTestCommands(names, ports).map((entry) => (
              <div key={entry.dnsName} className="space-y-1.5">
                <p className="break-all font-mono text-xs font-medium text-slate-800">{entry.dnsName}</p>
                {entry.dnsName === privateDnsName && (
                  <p className="text-xs text-slate-500">Resolves inside your VPC only if you enabled private DNS on the endpoint.</p>
                )}
                <CopyBlock value={entry.commands.join("\n")} label={`Test commands for ${entry.dnsName}`} multiline />
              </div>
            ))}
          </div>
        </Card>
      )}

      <Card title="History">
        <ol className="space-y-2 text-sm">
          {data.events.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-xs text-slate-500">
                <time dateTime={e.at}>{TIME.format(new Date(e.at))} UTC</time> · {e.actorName ?? "Onramp"}
              </p>
              <p className="text-slate-800">{e.message}</p>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
