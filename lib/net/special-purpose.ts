import { containsAddress, overlaps, requireCidr, type Cidr } from "@/lib/net/cidr";

/**
 * IPv4 special-purpose blocks (RFC 6890 and the IANA IPv4 Special-Purpose Address Registry), with
 * a plain-words description for messages. None of them can be a VPN peer on the internet.
 */
export type SpecialPurposeKind =
  | "this_network"
  | "private"
  | "shared"
  | "loopback"
  | "link_local"
  | "ietf_protocol"
  | "documentation"
  | "relay"
  | "benchmarking"
  | "multicast"
  | "reserved"
  | "broadcast";

export interface SpecialPurposeRange {
  cidr: Cidr;
  text: string;
  kind: SpecialPurposeKind;
  /** E.g. "private address space (RFC 1918)". */
  description: string;
}

const REGISTRY: ReadonlyArray<[string, SpecialPurposeKind, string]> = [
  ["0.0.0.0/8", "this_network", "“this network” (RFC 791), not a host address"],
  ["10.0.0.0/8", "private", "private address space (RFC 1918)"],
  ["100.64.0.0/10", "shared", "shared carrier-grade NAT space (RFC 6598)"],
  ["127.0.0.0/8", "loopback", "loopback (RFC 1122)"],
  ["169.254.0.0/16", "link_local", "link-local space (RFC 3927)"],
  ["172.16.0.0/12", "private", "private address space (RFC 1918)"],
  ["192.0.0.0/24", "ietf_protocol", "IETF protocol assignments (RFC 6890)"],
  ["192.0.2.0/24", "documentation", "documentation space TEST-NET-1 (RFC 5737)"],
  ["192.88.99.0/24", "relay", "the retired 6to4 relay anycast block (RFC 7526)"],
  ["192.168.0.0/16", "private", "private address space (RFC 1918)"],
  ["198.18.0.0/15", "benchmarking", "benchmarking space (RFC 2544)"],
  ["198.51.100.0/24", "documentation", "documentation space TEST-NET-2 (RFC 5737)"],
  ["203.0.113.0/24", "documentation", "documentation space TEST-NET-3 (RFC 5737)"],
  ["224.0.0.0/4", "multicast", "multicast (RFC 5771)"],
  // Listed before 240/4 so the more specific entry wins.
  ["255.255.255.255/32", "broadcast", "the limited broadcast address (RFC 919)"],
  ["240.0.0.0/4", "reserved", "reserved space (RFC 1112)"],
];

export const SPECIAL_PURPOSE_RANGES: readonly SpecialPurposeRange[] = REGISTRY.map(([text, kind, description]) => ({
  cidr: requireCidr(text),
  text,
  kind,
  description,
}));

/** The special-purpose block an address is in, or null for an ordinary public (global unicast) address. */
export function specialPurposeRangeOf(address: number): SpecialPurposeRange | null {
  return SPECIAL_PURPOSE_RANGES.find((range) => containsAddress(range.cidr, address)) ?? null;
}

/** Every special-purpose block a network touches, most specific first as listed. */
export function specialPurposeRangesOverlapping(cidr: Cidr): SpecialPurposeRange[] {
  return SPECIAL_PURPOSE_RANGES.filter((range) => overlaps(range.cidr, cidr));
}
