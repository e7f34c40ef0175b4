/**
 * IPv4 addresses as unsigned 32-bit integers, so ranges compare and add like numbers.
 * Parsing is strict: dotted quad, each octet 0-255 without leading zeros, because "010.1.1.1" means
 * 8.1.1.1 to some tools (octal) and 10.1.1.1 to others.
 */
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export const IPV4_MAX = 0xffffffff;

export function parseIpv4(text: string): number | null {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return null;
  let value = 0;
  for (const octetText of match.slice(1, 5)) {
    if (octetText.length > 1 && octetText.startsWith("0")) return null;
    const octet = Number(octetText);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (IPV4_MAX << (32 - prefix)) >>> 0;
}
