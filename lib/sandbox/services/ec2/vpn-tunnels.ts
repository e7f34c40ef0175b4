import type { Prng } from "@/lib/sandbox/prng";
import { invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import { contains, parseCidr, type Cidr } from "@/lib/sandbox/services/ec2/cidr";
import { formatIpv4 } from "@/lib/sandbox/services/ec2/ipv4";

const LINK_LOCAL: Cidr = { base: ((169 << 24) | (254 << 16)) >>> 0, prefix: 16 };
/** Inside CIDRs AWS reserves (AWS-FACTS.md, "Site-to-Site VPN parameters"). */
const RESERVED_INSIDE = [
  ...[0, 1, 2, 3, 4, 5].map((third) => `169.254.${third}.0/30`),
  "169.254.169.252/30",
];

/** AWS's rules for a tunnel inside CIDR: a /30 in 169.254.0.0/16 that AWS does not reserve. */
export function validateInsideCidr(text: string): void {
  const cidr = parseCidr(text);
  if (!cidr || cidr.prefix !== 30 || !contains(LINK_LOCAL, cidr)) {
    throw invalidParameterValue(`The tunnel inside CIDR ${text} is invalid: it must be a /30 CIDR block in the 169.254.0.0/16 range.`);
  }
  if (RESERVED_INSIDE.includes(text)) {
    throw invalidParameterValue(`The tunnel inside CIDR ${text} is reserved by AWS and cannot be used.`);
  }
}

/** 8-64 letters, digits, periods and underscores, not starting with zero. */
export function validatePreSharedKey(key: string): void {
  if (!/^[A-Za-z0-9._]{8,64}$/.test(key) || key.startsWith("0")) {
    throw invalidParameterValue(
      "The pre-shared key is invalid: it must be 8-64 characters of letters, digits, periods (.) and underscores (_), and cannot start with zero (0).",
    );
  }
}

export function generatePreSharedKey(prng: Prng): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
  return prng.chars(alphabet.slice(0, 52), 1) + prng.chars(alphabet, 31);
}

export function generateInsideCidr(prng: Prng, taken: ReadonlySet<string>): string {
  for (;;) {
    const third = prng.int(6, 254);
    const fourth = prng.int(0, 63) * 4;
    const text = `169.254.${third}.${fourth}/30`;
    if (!RESERVED_INSIDE.includes(text) && !taken.has(text)) return text;
  }
}

/**
 * Tunnel outside addresses are AWS's public addresses: EC2 ranges for ordinary VPNs, Global
 * Accelerator anycast ranges for accelerated ones.
 */
export function generateOutsideAddress(prng: Prng, accelerated: boolean, taken: ReadonlySet<string>): string {
  const prefixes = accelerated ? [[13, 248], [76, 223]] : [[3, 210], [18, 204], [34, 192], [35, 170], [44, 194], [52, 0], [54, 164]];
  for (;;) {
    const [first, second] = prefixes[prng.int(0, prefixes.length - 1)];
    const address = formatIpv4((((first << 24) | ((second + prng.int(0, 3)) << 16) | (prng.int(0, 255) << 8) | prng.int(1, 254)) >>> 0));
    if (!taken.has(address)) return address;
  }
}

/** In a tunnel's /30 the AWS side takes the first host address and the customer the second. */
export function insideAddresses(insideCidr: string): { aws: string; customer: string } {
  const cidr = parseCidr(insideCidr);
  if (!cidr) throw new Error(`Stored inside CIDR ${insideCidr} is not a CIDR.`);
  return { aws: formatIpv4(cidr.base + 1), customer: formatIpv4(cidr.base + 2) };
}

