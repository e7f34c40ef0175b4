import type { ConnectivityType, CustomerLocation } from "@/db/schema";

/**
 * Where customers can be and how each can connect. The wizard offers only what is delivered, so a
 * new type is one entry here (plus its module under lib/connectivity/<type>), nothing else.
 */
export interface LocationOption {
  id: CustomerLocation;
  title: string;
  description: string;
}

export interface ConnectivityTypeOption {
  id: ConnectivityType;
  location: CustomerLocation;
  title: string;
  summary: string;
  /** One sentence on what the customer will do and get. */
  explanation: string;
  delivered: boolean;
}

const LOCATIONS: readonly LocationOption[] = [
  { id: "aws", title: "On AWS", description: "Your workloads run in your own AWS account." },
  { id: "on_premises", title: "On premises", description: "Your workloads run in your own data centre or office." },
  {
    id: "other_cloud",
    title: "Other cloud",
    description: "Your workloads run on Azure, Google Cloud, Oracle Cloud or another cloud provider.",
  },
];

const TYPES: readonly ConnectivityTypeOption[] = [
  {
    id: "privatelink",
    location: "aws",
    title: "PrivateLink interface endpoint",
    summary: "A private endpoint for our service inside your VPC.",
    explanation:
      "You create an interface endpoint in your VPC; Onramp allows your AWS account and accepts the endpoint, so traffic to us never leaves the AWS network.",
    delivered: true,
  },
  // One entry per location: what the customer does on their side differs, the connection does not.
  {
    id: "site_to_site",
    location: "on_premises",
    title: "Site-to-Site VPN",
    summary: "Two redundant IPsec tunnels from your VPN device to a private network on AWS that reaches our service.",
    explanation:
      "You give your VPN device's public address and your networks; Onramp builds a landing network on AWS with private endpoints to our service and gives you your device's configuration and DNS forwarding settings.",
    delivered: true,
  },
  {
    id: "client_vpn",
    location: "on_premises",
    title: "Client VPN (a few machines or remote users)",
    summary: "Each machine or person connects with an OpenVPN client, wherever it is; no VPN device needed.",
    explanation:
      "You add your devices or people by name; Onramp gives each a configuration file for the AWS VPN Client or OpenVPN that reaches only our service, and shows who is connected.",
    delivered: true,
  },
  {
    id: "site_to_site",
    location: "other_cloud",
    title: "Site-to-Site VPN",
    summary: "Two redundant IPsec tunnels from your cloud's VPN gateway to a private network on AWS that reaches our service.",
    explanation:
      "You give your VPN gateway's public address and your networks; Onramp builds a landing network on AWS with private endpoints to our service and gives you the commands for your cloud's side (Azure, Google Cloud, Oracle) with the values filled in.",
    delivered: true,
  },
];

export function deliveredTypes(location?: CustomerLocation): ConnectivityTypeOption[] {
  return TYPES.filter((t) => t.delivered && (location === undefined || t.location === location));
}

/** Locations with at least one delivered connectivity type. */
export function deliveredLocations(): LocationOption[] {
  return LOCATIONS.filter((l) => deliveredTypes(l.id).length > 0);
}

export function typeOption(id: ConnectivityType): ConnectivityTypeOption | undefined {
  return TYPES.find((t) => t.id === id);
}

export function locationOption(id: CustomerLocation): LocationOption | undefined {
  return LOCATIONS.find((l) => l.id === id);
}
