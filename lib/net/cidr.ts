import { formatIpv4, parseIpv4, prefixMask } from "@/lib/net/ipv4";

/** An IPv4 network: `base` has no host bits set. */
export interface Cidr {
  base: number;
  prefix: number;
}

/** What someone wrote as address/prefix, before deciding whether the host bits matter. */
export interface CidrNotation {
  address: number;
  prefix: number;
}

const NOTATION = /^([^/\s]+)\/(\d{1,2})$/;

export function parseCidrNotation(text: string): CidrNotation | null {
  const match = NOTATION.exec(text);
  if (!match) return null;
  const address = parseIpv4(match[1]);
  const prefixText = match[2];
  if (address === null || (prefixText.length > 1 && prefixText.startsWith("0"))) return null;
  const prefix = Number(prefixText);
  if (prefix > 32) return null;
  return { address, prefix };
}

/** The network a notation falls in: 10.1.2.3/16 -> 10.1.0.0/16. */
export function networkOf(notation: CidrNotation): Cidr {
  return { base: (notation.address & prefixMask(notation.prefix)) >>> 0, prefix: notation.prefix };
}

export function hasHostBits(notation: CidrNotation): boolean {
  return networkOf(notation).base !== notation.address;
}

/** A canonical CIDR (host bits zero), or null for anything else. */
export function parseCidr(text: string): Cidr | null {
  const notation = parseCidrNotation(text);
  if (!notation || hasHostBits(notation)) return null;
  return networkOf(notation);
}

/** Like parseCidr, for values this program wrote itself: a malformed one is a bug, not input. */
export function requireCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`Not a canonical IPv4 CIDR: ${text}`);
  return cidr;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function lastAddress(cidr: Cidr): number {
  return cidr.base + cidrSize(cidr) - 1;
}

export function containsAddress(cidr: Cidr, address: number): boolean {
  return address >= cidr.base && address <= lastAddress(cidr);
}

/** Whether `inner` lies wholly inside `outer` (a network contains itself). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && lastAddress(inner) <= lastAddress(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.base === b.base && a.prefix === b.prefix;
}

/** The network of size `prefix` that starts at or after `address`, aligned to its size. */
export function alignUp(address: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return Math.ceil(address / size) * size;
}

