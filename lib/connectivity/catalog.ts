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
  { id: "other_cloud", title: "Other cloud", description: "Your workloads run on another cloud provider." },
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
