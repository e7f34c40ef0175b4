import { z } from "zod";
import type { ConnectivityType, CustomerLocation } from "@/db/schema";

/**
 * Which way of connecting suits a customer, and why: the trade-offs AWS's guidance on reaching a SaaS
 * product weighs (size, device, latency, acceleration, isolation, cost per hour).
 *
 * It knows every type that guidance covers, Client VPN included, but recommends only among the types
 * the caller says are delivered at the customer's location (the catalog's): a type not delivered is
 * never offered nor named, and when it would have been the best fit the answer says honestly what the
 * offered one asks of the customer instead. A type is recommended from the day the catalog delivers it.
 */

/** Client VPN (issue 4) has no connections yet, so it is not a ConnectivityType. */
export type RecommendableType = ConnectivityType | "client_vpn";

export type SiteLocation = Exclude<CustomerLocation, "aws">;

/** What the customer tells us. On AWS nothing else matters: PrivateLink is the way in. */
export type ConnectivityNeeds =
  | { location: "aws" }
  | {
      location: SiteLocation;
      /** Machines or people that need the service. */
      machines: number;
      /** A router or firewall that speaks IPsec on premises; the cloud's VPN gateway on another cloud. */
      vpnDevice: boolean;
    };

export type TradeOffAspect = "size" | "device" | "latency" | "acceleration" | "isolation" | "cost";

export interface TradeOff {
  aspect: TradeOffAspect;
  text: string;
}

export interface Recommendation {
  type: RecommendableType;
  /** False when a way that suits these needs better exists but is not offered here. */
  bestFit: boolean;
  /** Said when bestFit is false, without naming what is not offered. */
  shortfall?: string;
  /** What the customer needs first and said they do not have (a VPN device). */
  requirement?: string;
  reasons: TradeOff[];
  /** The other types offered here, best first, with why each comes after the recommended one. */
  alternatives: Array<{ type: RecommendableType; whyNot: string }>;
}

const MACHINES_MAX = 100_000;

/**
 * Up to this many, one VPN client per machine is the lighter way for a site without a VPN device;
 * beyond it the clients and certificates to look after, and the per-connection hourly charge
 * (10 connected machines already cost ten times one Site-to-Site connection), make a device worth it.
 */
export const FEW_MACHINES = 10;

export const machineCount = z.coerce
  .number({ error: "Enter how many machines or people need our service." })
  .int("Enter a whole number of machines or people.")
  .min(1, "Enter at least 1 machine or person.")
  .max(MACHINES_MAX, `Enter at most ${MACHINES_MAX.toLocaleString("en-US")}.`);

/**
 * AWS list prices in US East (N. Virginia), USD per hour; other regions differ a little, and data is
 * charged on top. Sources: https://aws.amazon.com/privatelink/pricing/ (interface endpoint per zone-hour,
 * plus $0.01 per GB processed), https://aws.amazon.com/vpn/pricing/ (Site-to-Site VPN connection-hour;
 * Client VPN endpoint association-hour and connection-hour), https://aws.amazon.com/transit-gateway/pricing/
 * (attachment-hour: accelerated VPNs attach to a transit gateway) and
 * https://aws.amazon.com/global-accelerator/pricing/ (accelerated VPNs also pay its per-GB premium).
 */
const HOURLY_USD = {
  interfaceEndpointPerZone: 0.01,
  siteToSiteConnection: 0.05,
  transitGatewayAttachment: 0.05,
  clientVpnAssociation: 0.1,
  clientVpnConnection: 0.05,
} as const;

/** Zones an interface endpoint spans for availability. */
const ENDPOINT_ZONES = 2;

function perHour(usd: number): string {
  return `$${usd.toFixed(2)} an hour`;
}

function machinesText(count: number): string {
  return count === 1 ? "1 machine" : `${count.toLocaleString("en-US")} machines`;
}

type SiteNeeds = Extract<ConnectivityNeeds, { location: SiteLocation }>;

const VPN_DEVICE_NEEDED: Record<SiteLocation, string> = {
  on_premises:
    "Site-to-Site VPN needs a VPN device at your site: a router or firewall that speaks IPsec. Most business routers and firewalls do, and so does a Linux machine running strongSwan.",
  other_cloud:
    "Site-to-Site VPN needs a VPN gateway on your cloud's side: Azure VPN Gateway, Google Cloud HA VPN, Oracle Cloud's Site-to-Site VPN, or an IPsec appliance you run there.",
};

const VPN_DEVICE_USED: Record<SiteLocation, string> = {
  on_premises: "Uses the VPN device you already run: we give you its configuration for your vendor.",
  other_cloud: "Uses your cloud's VPN gateway: we give you the steps on your cloud's side with the values filled in.",
};

/** What the best fit would have given, when it is not offered; never names it. */
const SHORTFALL: Record<RecommendableType, string> = {
  privatelink: "None of the ways we offer here keeps your traffic inside AWS.",
  site_to_site: "None of the ways we offer here connects your whole site through your VPN device.",
  client_vpn: "None of the ways we offer here connects machines one by one without a VPN device.",
};

function privateLinkReasons(): TradeOff[] {
  return [
    { aspect: "device", text: "Nothing to install or run: you create an interface endpoint in your VPC and we accept it." },
    {
      aspect: "isolation",
      text: "One-way: your VPC reaches only our service's endpoint; we can never reach into your network, and overlapping IP ranges do not matter.",
    },
    { aspect: "latency", text: "Traffic stays on AWS's network inside the region: the shortest path, with the lowest latency." },
    { aspect: "size", text: "Every machine in the VPC can use it, and AWS scales it to 100 Gbps per zone." },
    { aspect: "acceleration", text: "Nothing to accelerate: the traffic never crosses the internet." },
    {
      aspect: "cost",
      text: `About ${perHour(ENDPOINT_ZONES * HOURLY_USD.interfaceEndpointPerZone)} for an endpoint in ${ENDPOINT_ZONES} zones ($${HOURLY_USD.interfaceEndpointPerZone.toFixed(2)} per zone), plus $0.01 per GB, on your own AWS bill.`,
    },
  ];
}

function siteToSiteReasons(needs: SiteNeeds): TradeOff[] {
  const reasons: TradeOff[] = [];
  if (needs.vpnDevice) reasons.push({ aspect: "device", text: VPN_DEVICE_USED[needs.location] });
  reasons.push(
    {
      aspect: "size",
      text: `${needs.machines === 1 ? "Your machine reaches" : `All ${machinesText(needs.machines)} reach`} us through one connection, and more can join without a change on our side; each of its two redundant tunnels carries up to 1.25 Gbps.`,
    },
    {
      aspect: "isolation",
      text: "Your tunnels land in a network on AWS of your own, which admits only your networks and only on our products' ports; no other customer shares it.",
    },
    { aspect: "latency", text: "Traffic crosses the internet from your site to the AWS region, so latency depends on your internet path." },
    {
      aspect: "acceleration",
      text: `If your site is far from the region, accelerate the tunnels: they then enter AWS's network at the nearest edge location. That adds a transit gateway attachment (about ${perHour(HOURLY_USD.transitGatewayAttachment)}) and AWS Global Accelerator's per-GB premium.`,
    },
    { aspect: "cost", text: `About ${perHour(HOURLY_USD.siteToSiteConnection)} for the VPN connection, whatever the number of machines.` },
  );
  return reasons;
}

function clientVpnCost(machines: number): string {
  return perHour(machines * HOURLY_USD.clientVpnConnection);
}

function clientVpnReasons(needs: SiteNeeds): TradeOff[] {
  const few = needs.machines <= FEW_MACHINES;
  return [
    {
      aspect: "device",
      text: "No VPN device needed: each machine runs the AWS VPN Client or any OpenVPN client, with a configuration we give you for it.",
    },
    {
      aspect: "size",
      text: few
        ? `Suits ${machinesText(needs.machines)}: each gets a certificate of its own, and you add or remove them one by one, in the office or anywhere.`
        : `Each of the ${machinesText(needs.machines)} needs a client installed and a certificate of its own to look after.`,
    },
    {
      aspect: "isolation",
      text: "Each machine's certificate can be revoked on its own; machines reach only our products, never each other nor other customers.",
    },
    { aspect: "latency", text: "Each machine connects over its own internet path to the AWS region." },
    { aspect: "acceleration", text: "It cannot be accelerated, so latency from far away depends on each machine's internet connection." },
    {
      aspect: "cost",
      text: `About ${perHour(HOURLY_USD.clientVpnConnection)} per connected machine, ${clientVpnCost(needs.machines)} with all ${machinesText(needs.machines)} connected; the endpoint's $${HOURLY_USD.clientVpnAssociation.toFixed(2)} per subnet-hour is shared among customers.`,
    },
  ];
}

/** The types that work at this location, best first for these needs. */
function preferenceOrder(needs: ConnectivityNeeds): RecommendableType[] {
  if (needs.location === "aws") return ["privatelink"];
  if (needs.vpnDevice || needs.machines > FEW_MACHINES) return ["site_to_site", "client_vpn"];
  return ["client_vpn", "site_to_site"];
}

function reasonsFor(type: RecommendableType, needs: ConnectivityNeeds): TradeOff[] {
  if (needs.location === "aws") return privateLinkReasons();
  return type === "client_vpn" ? clientVpnReasons(needs) : siteToSiteReasons(needs);
}

function requirementFor(type: RecommendableType, needs: ConnectivityNeeds): string | undefined {
  return type === "site_to_site" && needs.location !== "aws" && !needs.vpnDevice ? VPN_DEVICE_NEEDED[needs.location] : undefined;
}

/**
 * Why `type` comes second at a site: Site-to-Site only ever does for want of a VPN device, Client VPN
 * because a device, had or worth getting, connects the whole site more simply and for less.
 */
function whyNot(type: RecommendableType, needs: SiteNeeds): string {
  if (type === "site_to_site") return VPN_DEVICE_NEEDED[needs.location];
  const perMachine = `a VPN client and a certificate on each machine, and about ${perHour(HOURLY_USD.clientVpnConnection)} per connected machine (${clientVpnCost(needs.machines)} with all connected) against ${perHour(HOURLY_USD.siteToSiteConnection)} for one VPN connection`;
  return needs.vpnDevice
    ? `Your VPN device connects the whole site at once; this would mean ${perMachine}.`
    : `With ${machinesText(needs.machines)}, this would mean ${perMachine}: a VPN device for the site is worth it.`;
}

/**
 * The best of the `delivered` types (those the catalog delivers at the needs' location) with its
 * reasons; null when nothing is delivered there.
 */
export function recommendConnectivity(needs: ConnectivityNeeds, delivered: readonly RecommendableType[]): Recommendation | null {
  const order = preferenceOrder(needs);
  const offered = order.filter((type) => delivered.includes(type));
  const [type, ...others] = offered;
  if (!type) return null;
  const [ideal] = order;
  const bestFit = type === ideal;
  return {
    type,
    bestFit,
    shortfall: bestFit ? undefined : SHORTFALL[ideal],
    requirement: requirementFor(type, needs),
    reasons: reasonsFor(type, needs),
    alternatives: needs.location === "aws" ? [] : others.map((other) => ({ type: other, whyNot: whyNot(other, needs) })),
  };
}
