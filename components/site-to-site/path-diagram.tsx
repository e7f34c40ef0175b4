import { useId } from "react";
import type { TunnelView } from "@/lib/connectivity/site-to-site/status-view";
import { cx } from "@/lib/utils";
import { stepLabel } from "./plan-format";

/**
 * The path a packet takes from the customer's site to a product: their device and networks, the two
 * IPsec tunnels (coloured by their telemetry), the landing VPC with the AWS-side gateway, the
 * interface endpoint of each product and the DNS resolver, and the products. Parts that do not
 * exist yet (or no longer) are drawn dashed and marked pending.
 */
export interface PathFacts {
  site: { name: string; where: string; deviceIp: string; cidrs: string[] };
  tunnels: TunnelView[];
  /** Accelerated VPNs land on the provider's shared transit gateway, others on a virtual private gateway. */
  gateway: { accelerated: boolean; ready: boolean };
  vpc: { cidr: string | null; ready: boolean };
  products: Array<{ name: string; endpointId: string | null }>;
  resolver: { ips: string[]; ready: boolean };
  /** A removal is deleting what is drawn. */
  removing: boolean;
}

const W = 912;
const SITE = { x: 16, w: 190 };
const VPC = { x: 346, w: 372 };
const GATEWAY = { x: 364, w: 132, h: 84 };
const ENDPOINT = { x: 552, w: 150, h: 50, gap: 12 };
const PRODUCT = { x: 762, w: 136 };
const MAX_CIDRS = 3;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Tone = "up" | "down" | "pending";

function tunnelTone(tunnel: TunnelView | undefined): Tone {
  if (!tunnel || tunnel.status === null) return "pending";
  return tunnel.status === "UP" ? "up" : "down";
}

const LINE: Record<Tone, string> = { up: "stroke-emerald-500", down: "stroke-red-500", pending: "stroke-slate-300" };
const LABEL: Record<Tone, string> = { up: "fill-emerald-700", down: "fill-red-700", pending: "fill-slate-400" };

function Box({ x, y, w, h, ready, accent = false }: { x: number; y: number; w: number; h: number; ready: boolean; accent?: boolean }) {
  return (
    <rect
      x={x}
      y={y}
      width={w}
      height={h}
      rx={8}
      strokeWidth={ready && accent ? 1.5 : 1}
      strokeDasharray={ready ? undefined : "5 4"}
      className={cx(ready ? (accent ? "fill-brand-50 stroke-brand-500" : "fill-white stroke-slate-300") : "fill-slate-50 stroke-slate-300")}
    />
  );
}

function describe(facts: PathFacts): string {
  const tunnels = facts.tunnels.length
    ? facts.tunnels.map((t) => `tunnel ${t.number} ${t.status ?? "unknown"}`).join(", ")
    : "two tunnels (pending)";
  const products = facts.products.map((p) => `${p.name}${p.endpointId ? "" : " (pending)"}`).join(", ");
  return `Your site ${facts.site.name} (${facts.site.deviceIp}) → ${tunnels} → ${stepLabel("gateway", facts.gateway.accelerated).toLowerCase()}${facts.gateway.ready ? "" : " (pending)"} → landing VPC ${facts.vpc.cidr ?? "(pending)"} → interface endpoints → ${products}.`;
}

export function PathDiagram({ facts }: { facts: PathFacts }) {
  const arrow = useId();
  const rows = Math.max(facts.products.length, 1);
  const top = 16;
  const y0 = top + 44;
  const endpointsHeight = rows * ENDPOINT.h + (rows - 1) * ENDPOINT.gap;
  const middle = Math.max(endpointsHeight, GATEWAY.h);
  const cy = y0 + middle / 2;
  const resolverY = y0 + middle + 18;
  const vpcBottom = resolverY + 46 + 16;
  const height = vpcBottom + 34;

  const cidrs = facts.site.cidrs.slice(0, MAX_CIDRS);
  const more = facts.site.cidrs.length - cidrs.length;
  const siteH = 96 + (cidrs.length + (more > 0 ? 1 : 0)) * 15;
  const siteY = Math.max(top, cy - siteH / 2);
  const lines = [cy - 16, cy + 16];

  return (
    <div className="overflow-x-auto">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={describe(facts)} className="min-w-[640px] w-full" fontSize={12}>
        <defs>
          <marker id={arrow} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="fill-slate-400" />
          </marker>
        </defs>

        {/* Their site */}
        <Box x={SITE.x} y={siteY} w={SITE.w} h={siteH} ready accent />
        <text x={SITE.x + 14} y={siteY + 22} fontSize={10} letterSpacing={0.8} className="fill-brand-700 font-semibold">
          YOUR SITE · {facts.site.where.toUpperCase()}
        </text>
        <text x={SITE.x + 14} y={siteY + 42} fontSize={14} className="fill-slate-900 font-semibold">
          <title>{facts.site.name}</title>
          {clip(facts.site.name, 22)}
        </text>
        <text x={SITE.x + 14} y={siteY + 62} className="fill-slate-600">
          Device <tspan className="fill-slate-900 font-mono">{facts.site.deviceIp}</tspan>
        </text>
        <text x={SITE.x + 14} y={siteY + 82} fontSize={10} className="fill-slate-500">
          Your networks
        </text>
        {cidrs.map((cidr, i) => (
          <text key={cidr} x={SITE.x + 14} y={siteY + 98 + i * 15} fontSize={11} className="fill-slate-900 font-mono">
            {cidr}
          </text>
        ))}
        {more > 0 && (
          <text x={SITE.x + 14} y={siteY + 98 + cidrs.length * 15} fontSize={11} className="fill-slate-500">
            +{more} more
          </text>
        )}

        {/* The two tunnels */}
        {lines.map((y, i) => {
          const tunnel = facts.tunnels[i];
          const tone = tunnelTone(tunnel);
          const above = i === 0;
          const mid = (SITE.x + SITE.w + GATEWAY.x) / 2;
          return (
            <g key={y}>
              <line
                x1={SITE.x + SITE.w}
                y1={y}
                x2={GATEWAY.x}
                y2={y}
                strokeWidth={tone === "pending" ? 2 : 3}
                strokeDasharray={tone === "up" ? undefined : tone === "down" ? "8 5" : "4 4"}
                strokeLinecap="round"
                className={LINE[tone]}
              />
              <text x={mid} y={above ? y - 10 : y + 20} textAnchor="middle" fontSize={11} className={cx(LABEL[tone], "font-semibold")}>
                Tunnel {i + 1} · {tunnel ? (tunnel.status ?? "unknown") : "pending"}
              </text>
              {tunnel && (
                <text x={mid} y={above ? y - 24 : y + 34} textAnchor="middle" fontSize={10} className="fill-slate-500 font-mono">
                  {tunnel.outsideIp}
                </text>
              )}
            </g>
          );
        })}

        {/* The landing VPC */}
        <Box x={VPC.x} y={top} w={VPC.w} h={vpcBottom - top} ready={facts.vpc.ready} />
        <text x={VPC.x + 14} y={top + 22} fontSize={10} letterSpacing={0.8} className="fill-slate-500 font-semibold">
          LANDING VPC
        </text>
        <text x={VPC.x + 14} y={top + 36} fontSize={11} className={cx("font-mono", facts.vpc.ready ? "fill-slate-900" : "fill-slate-400")}>
          {facts.vpc.cidr ?? "address block pending"}
        </text>

        <Box x={GATEWAY.x} y={cy - GATEWAY.h / 2} w={GATEWAY.w} h={GATEWAY.h} ready={facts.gateway.ready} accent={facts.gateway.ready} />
        {[facts.gateway.accelerated ? "Shared transit" : "Virtual private", "gateway"].map((line, i) => (
          <text
            key={line}
            x={GATEWAY.x + GATEWAY.w / 2}
            y={cy - 4 + i * 15}
            textAnchor="middle"
            fontSize={11}
            className={cx("font-semibold", facts.gateway.ready ? "fill-slate-900" : "fill-slate-400")}
          >
            {line}
          </text>
        ))}
        {!facts.gateway.ready && (
          <text x={GATEWAY.x + GATEWAY.w / 2} y={cy + 28} textAnchor="middle" fontSize={10} className="fill-slate-400">
            pending
          </text>
        )}

        {/* One interface endpoint per product, and the product behind it */}
        {facts.products.map((product, i) => {
          const y = y0 + (middle - endpointsHeight) / 2 + i * (ENDPOINT.h + ENDPOINT.gap);
          const ey = y + ENDPOINT.h / 2;
          const ready = product.endpointId !== null;
          return (
            <g key={`${product.name}-${i}`}>
              <path
                d={`M${GATEWAY.x + GATEWAY.w},${cy} C${GATEWAY.x + GATEWAY.w + 30},${cy} ${ENDPOINT.x - 30},${ey} ${ENDPOINT.x - 2},${ey}`}
                fill="none"
                strokeWidth={1.5}
                strokeDasharray={ready ? undefined : "4 4"}
                className="stroke-slate-400"
                markerEnd={`url(#${arrow})`}
              />
              <Box x={ENDPOINT.x} y={y} w={ENDPOINT.w} h={ENDPOINT.h} ready={ready} />
              <text x={ENDPOINT.x + 10} y={y + 20} fontSize={11} className={cx("font-semibold", ready ? "fill-slate-900" : "fill-slate-400")}>
                Interface endpoint
              </text>
              <text x={ENDPOINT.x + 10} y={y + 36} fontSize={10} className={cx("font-mono", ready ? "fill-slate-600" : "fill-slate-400")}>
                {product.endpointId ? clip(product.endpointId, 23) : "pending"}
              </text>
              <line
                x1={ENDPOINT.x + ENDPOINT.w}
                y1={ey}
                x2={PRODUCT.x - 2}
                y2={ey}
                strokeWidth={1.5}
                strokeDasharray={ready ? undefined : "4 4"}
                className="stroke-slate-400"
                markerEnd={`url(#${arrow})`}
              />
              <rect x={PRODUCT.x} y={y} width={PRODUCT.w} height={ENDPOINT.h} rx={8} className={ready ? "fill-slate-900" : "fill-slate-200"} />
              <text x={PRODUCT.x + 12} y={y + 22} fontSize={12} className={cx("font-semibold", ready ? "fill-white" : "fill-slate-500")}>
                <title>{product.name}</title>
                {clip(product.name, 18)}
              </text>
              <text x={PRODUCT.x + 12} y={y + 38} fontSize={10} className={ready ? "fill-slate-300" : "fill-slate-400"}>
                {facts.removing ? "being removed" : ready ? "reachable privately" : "not yet reachable"}
              </text>
            </g>
          );
        })}

        {/* The DNS resolver the customer's DNS forwards to */}
        <Box x={GATEWAY.x} y={resolverY} w={ENDPOINT.x + ENDPOINT.w - GATEWAY.x} h={46} ready={facts.resolver.ready} />
        <text x={GATEWAY.x + 12} y={resolverY + 19} fontSize={11} className={cx("font-semibold", facts.resolver.ready ? "fill-slate-900" : "fill-slate-400")}>
          DNS resolver inbound endpoint
        </text>
        <text x={GATEWAY.x + 12} y={resolverY + 35} fontSize={10} className={cx("font-mono", facts.resolver.ready ? "fill-slate-600" : "fill-slate-400")}>
          {facts.resolver.ready && facts.resolver.ips.length > 0 ? facts.resolver.ips.join(" · ") : "pending"}
        </text>

        {/* Legend */}
        <g transform={`translate(${SITE.x}, ${height - 12})`} fontSize={10} className="fill-slate-500">
          <line x1={0} y1={-4} x2={22} y2={-4} strokeWidth={3} className="stroke-emerald-500" />
          <text x={28} y={0}>UP</text>
          <line x1={60} y1={-4} x2={82} y2={-4} strokeWidth={3} strokeDasharray="8 5" className="stroke-red-500" />
          <text x={88} y={0}>DOWN</text>
          <line x1={134} y1={-4} x2={156} y2={-4} strokeWidth={2} strokeDasharray="4 4" className="stroke-slate-300" />
          <text x={162} y={0}>Not provisioned yet</text>
        </g>
      </svg>
    </div>
  );
}
