import "server-only";
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import type { Db } from "@/db/client";
import type { PlanRunStatus, PlanStepStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { providerEc2 } from "@/lib/aws/clients";
import { awsErrorCode } from "@/lib/aws/errors";
import { findSiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { latestRunId, latestRunView, succeededStepOutputs } from "@/lib/engine/runs";
import { planConnectionLiveStatus, type PlanConnectionLiveStatus } from "../plan-live-status";
import { siteToSiteOutputs } from "./plan";

/** What the plan status route returns and a connection page will poll; dates as ISO strings. */
export type SiteToSiteLiveStatus = PlanConnectionLiveStatus;

export interface PlanStepView {
  name: string;
  status: PlanStepStatus;
  attempts: number;
  waitReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  elapsedMs: number | null;
}

export interface TunnelView {
  number: number;
  outsideIp: string;
  insideCidr: string;
  /** From the VPN's telemetry; null while AWS has none (or could not be asked just now). */
  status: "UP" | "DOWN" | null;
  statusMessage: string | null;
  lastStatusChange: string | null;
}

export interface SiteToSiteStatusView {
  id: string;
  status: SiteToSiteLiveStatus;
  run: {
    id: string;
    direction: "provision" | "deprovision";
    status: PlanRunStatus;
    startedAt: string | null;
    finishedAt: string | null;
    error: { step: string | null; code: string | null; message: string | null } | null;
    steps: PlanStepView[];
  } | null;
  tunnels: TunnelView[];
  outputs: {
    landingCidr: string | null;
    endpoints: Array<{ productRegionId: string; productName: string; vpcEndpointId: string; dnsNames: string[] }>;
    privateDnsNames: string[];
    resolverIps: string[];
  };
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

const TELEMETRY_TTL_MS = 5_000;
type Telemetry = Map<string, { status: "UP" | "DOWN" | null; message: string | null; changed: string | null }>;
const telemetryCache = new Map<string, { at: number; telemetry: Telemetry }>();

/** Drops what is cached of a VPN's telemetry, so the next view reads a change this process just made. */
export function forgetTunnelTelemetry(vpnConnectionId: string): void {
  telemetryCache.delete(vpnConnectionId);
}

/** The tunnels' UP/DOWN from the VPN's telemetry, cached briefly: every open page polls it. */
async function tunnelTelemetry(region: string, vpnConnectionId: string): Promise<Telemetry> {
  const cached = telemetryCache.get(vpnConnectionId);
  if (cached && Date.now() - cached.at < TELEMETRY_TTL_MS) return cached.telemetry;
  const telemetry: Telemetry = new Map();
  try {
    const result = await providerEc2(region).send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }));
    for (const entry of result.VpnConnections?.[0]?.VgwTelemetry ?? []) {
      if (!entry.OutsideIpAddress) continue;
      const status = entry.Status === "UP" || entry.Status === "DOWN" ? entry.Status : null;
      telemetry.set(entry.OutsideIpAddress, { status, message: entry.StatusMessage ?? null, changed: iso(entry.LastStatusChange) });
    }
  } catch (error) {
    // The page keeps polling; a missed refresh shows "unknown" rather than failing the whole view.
    console.error(`[onramp] reading the telemetry of ${vpnConnectionId} failed (${awsErrorCode(error)})`);
    return telemetry;
  }
  telemetryCache.set(vpnConnectionId, { at: Date.now(), telemetry });
  return telemetry;
}

export async function siteToSiteStatusView(db: Db, caller: Caller, connectionId: string): Promise<SiteToSiteStatusView> {
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  const run = await latestRunView(db, connectionId);
  const provisionRunId = run?.direction === "provision" ? run.id : await latestRunId(db, connectionId, "provision");
  const outputOf = await succeededStepOutputs(db, provisionRunId);
  const landing = siteToSiteOutputs.landingCidr.safeParse(outputOf("landingCidr"));
  const vpn = siteToSiteOutputs.vpnConnection.safeParse(outputOf("vpnConnection"));
  const endpoints = siteToSiteOutputs.endpoints.safeParse(outputOf("endpoints"));
  const resolver = siteToSiteOutputs.resolver.safeParse(outputOf("resolver"));

  const status = planConnectionLiveStatus(connection.status, run);
  const telemetry = vpn.success && status !== "removed" ? await tunnelTelemetry(connection.params.region, vpn.data.vpnConnectionId) : new Map();
  const names = new Map(connection.products.map((product) => [product.productRegionId, product.productName]));

  return {
    id: connection.id,
    status,
    run: run && {
      id: run.id,
      direction: run.direction,
      status: run.status,
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
      error: run.error,
      steps: run.steps.map((step) => ({
        name: step.name,
        status: step.status,
        attempts: step.attempts,
        waitReason: step.waitReason,
        errorCode: step.errorCode,
        errorMessage: step.errorMessage,
        startedAt: iso(step.startedAt),
        finishedAt: iso(step.finishedAt),
        elapsedMs: step.elapsedMs,
      })),
    },
    tunnels: vpn.success
      ? vpn.data.tunnels.map((tunnel, index) => {
          const seen = telemetry.get(tunnel.outsideIp);
          return {
            number: index + 1,
            outsideIp: tunnel.outsideIp,
            insideCidr: tunnel.insideCidr,
            status: seen?.status ?? null,
            statusMessage: seen?.message ?? null,
            lastStatusChange: seen?.changed ?? null,
          };
        })
      : [],
    outputs: {
      landingCidr: landing.success ? landing.data.cidr : null,
      endpoints: endpoints.success
        ? endpoints.data.endpoints.map((endpoint) => ({ ...endpoint, productName: names.get(endpoint.productRegionId) ?? "" }))
        : [],
      privateDnsNames: connection.products.flatMap((product) => (product.privateDnsName ? [product.privateDnsName] : [])),
      resolverIps: resolver.success ? resolver.data.ips : [],
    },
  };
}
