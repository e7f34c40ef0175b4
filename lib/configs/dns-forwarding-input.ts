import { z } from "zod";
import type { ActionResult, FieldErrors } from "@/lib/errors";
import { containsAddress, formatCidr, lastAddress, parseCidr, type Cidr } from "@/lib/net/cidr";
import { parseIpv4 } from "@/lib/net/ipv4";
import { specialPurposeRangeOf, type SpecialPurposeKind } from "@/lib/net/special-purpose";

/**
 * What the DNS forwarding instructions are rendered from: the domains a customer's resolvers send
 * to the Route 53 Resolver inbound endpoint, that endpoint's addresses, and names to test with.
 *
 * Every value ends up inside configuration files and commands for eight different languages, so
 * nothing is escaped: anything that is not a plain DNS name or a dotted-quad address is refused
 * here. A renderer only accepts the branded output of this schema.
 */

export const DOMAIN_LIMIT = 20;
/** CreateResolverEndpoint accepts 2 to 20 addresses (AWS-FACTS.md, quotas). */
export const RESOLVER_IP_MIN = 2;
export const RESOLVER_IP_MAX = 20;
export const TEST_NAME_LIMIT = 20;
export const VPC_CIDR_LIMIT = 5;

/** The Amazon DNS server's link-local address: answers only to instances inside the VPC. */
const AMAZON_DNS_LINK_LOCAL = "169.254.169.253";

const UNUSABLE_KINDS: ReadonlySet<SpecialPurposeKind> = new Set(["this_network", "loopback", "link_local", "multicast", "reserved", "broadcast"]);

const MAX_NAME_LENGTH = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a (lower-cased, trailing-dot-free) name is not an RFC 1123 host name we forward, or null. */
export function dnsNameProblem(name: string): string | null {
  if (name === "") return "is empty.";
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters.`;
  if (name.includes("*")) return "cannot be a wildcard; give the domain itself (forwarding covers every name under it).";
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return "can use only letters a-z, digits, hyphens and dots (write internationalised names in their xn-- form).";
  }
  const labels = name.split(".");
  if (labels.some((label) => label === "")) return "has an empty label (two dots in a row, or a leading dot).";
  if (labels.some((label) => label.length > 63)) return "has a label longer than 63 characters.";
  if (labels.some((label) => !LABEL.test(label))) return "has a label that starts or ends with a hyphen.";
  // Forwarding a top-level domain would send a whole slice of the internet through the tunnel.
  if (labels.length < 2) return "must have at least two labels, e.g. example.com.";
  if (/^\d+$/.test(labels[labels.length - 1])) return "ends in a numeric label, which looks like an IP address, not a domain.";
  return null;
}

/** A value as it may appear in a message: short, printable, in quotes. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, "?");
  return `“${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}”`;
}

function dnsName(label: string) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(MAX_NAME_LENGTH + 1, `${label} is longer than ${MAX_NAME_LENGTH} characters.`)
    .transform((value) => value.toLowerCase().replace(/\.$/, ""))
    .superRefine((value, ctx) => {
      const problem = dnsNameProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${label} ${shown(value)} ${problem}` });
    });
}

const resolverIp = z
  .string({ error: "Each resolver address must be text." })
  .trim()
  .superRefine((value, ctx) => {
    const address = parseIpv4(value);
    if (address === null) {
      ctx.addIssue({ code: "custom", message: `${shown(value)} is not an IPv4 address; give one such as 10.0.1.10 (no leading zeros).` });
      return;
    }
    if (value === AMAZON_DNS_LINK_LOCAL) {
      ctx.addIssue({
        code: "custom",
        message: `${AMAZON_DNS_LINK_LOCAL} is the Amazon DNS server inside the VPC; it does not answer queries from outside. Use the Route 53 Resolver inbound endpoint's addresses.`,
      });
      return;
    }
    const special = specialPurposeRangeOf(address);
    // Endpoint addresses live in VPC subnets, which may use private, shared or even public ranges,
    // but never one of these blocks.
    if (special && UNUSABLE_KINDS.has(special.kind)) {
      ctx.addIssue({ code: "custom", message: `${value} is in ${special.description}; it cannot be a resolver endpoint address.` });
    }
  });

const vpcCidr = z
  .string({ error: "Each VPC CIDR must be text." })
  .trim()
  .superRefine((value, ctx) => {
    const cidr = parseCidr(value);
    // AWS takes VPC CIDR blocks from /16 to /28.
    if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
      ctx.addIssue({ code: "custom", message: `${shown(value)} is not a VPC CIDR; give a network from /16 to /28 such as 10.20.0.0/16.` });
    }
  });

const inputSchema = z.object({
  domains: z
    .array(dnsName("Domain"), { error: "Give the domains to forward as a list." })
    .min(1, "Give at least one domain to forward.")
    .max(DOMAIN_LIMIT, `Give at most ${DOMAIN_LIMIT} domains.`),
  resolverIps: z
    .array(resolverIp, { error: "Give the resolver addresses as a list." })
    .min(RESOLVER_IP_MIN, `Give at least ${RESOLVER_IP_MIN} resolver addresses, in two zones, so one zone failing does not stop name resolution.`)
    .max(RESOLVER_IP_MAX, `Give at most ${RESOLVER_IP_MAX} resolver addresses.`),
  testNames: z
    .array(dnsName("Test name"), { error: "Give the names to test as a list." })
    .min(1, "Give at least one name to test.")
    .max(TEST_NAME_LIMIT, `Give at most ${TEST_NAME_LIMIT} names to test.`),
  /**
   * The landing VPC's CIDR blocks, when known: every resolver address must lie inside one, and the
   * VPC's own +2 resolver is refused by name, since forwarding to it is the classic mistake.
   */
  vpcCidrs: z
    .array(vpcCidr, { error: "Give the VPC CIDRs as a list." })
    .min(1, "Give at least one VPC CIDR, or leave them out.")
    .max(VPC_CIDR_LIMIT, `Give at most ${VPC_CIDR_LIMIT} VPC CIDRs.`)
    .optional(),
});

/** `name` is `domain` or a name under it. */
export function isWithinDomain(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** Domains in first-seen order without repeats or names another listed domain already covers. */
function coveringDomains(domains: readonly string[]): string[] {
  const unique = [...new Set(domains)];
  return unique.filter((domain) => !unique.some((other) => other !== domain && isWithinDomain(domain, other)));
}

function vpcAddressProblem(address: number, text: string, vpcs: readonly Cidr[]): string | null {
  const vpc = vpcs.find((cidr) => containsAddress(cidr, address));
  if (!vpc) return `${text} is not inside the landing VPC (${vpcs.map(formatCidr).join(", ")}).`;
  const offset = address - vpc.base;
  if (offset === 2) {
    return `${text} is the VPC's own resolver (the base of ${formatCidr(vpc)} plus two). It is not supported from outside the VPC; use the Route 53 Resolver inbound endpoint's addresses.`;
  }
  if (offset < 4 || address === lastAddress(vpc)) return `${text} is an address AWS reserves in ${formatCidr(vpc)}.`;
  return null;
}

export const dnsForwardingInput = inputSchema
  .superRefine((input, ctx) => {
    // Only addresses that passed their own checks, each once, so one mistake gives one message.
    const seen = new Set<string>();
    const distinctValid: Array<{ ip: string; address: number; index: number }> = [];
    input.resolverIps.forEach((ip, index) => {
      const address = parseIpv4(ip);
      if (address === null || !resolverIp.safeParse(ip).success) return;
      if (seen.has(ip)) {
        ctx.addIssue({ code: "custom", path: ["resolverIps", index], message: `${ip} is listed twice; give distinct addresses in two zones.` });
        return;
      }
      seen.add(ip);
      distinctValid.push({ ip, address, index });
    });

    const vpcs = (input.vpcCidrs ?? []).map(parseCidr).filter((cidr): cidr is Cidr => cidr !== null);
    if (vpcs.length > 0) {
      for (const { ip, address, index } of distinctValid) {
        const problem = vpcAddressProblem(address, ip, vpcs);
        if (problem) ctx.addIssue({ code: "custom", path: ["resolverIps", index], message: problem });
      }
    }

    input.testNames.forEach((name, index) => {
      if (dnsNameProblem(name) === null && !input.domains.some((domain) => isWithinDomain(name, domain))) {
        ctx.addIssue({
          code: "custom",
          path: ["testNames", index],
          message: `Test name ${name} is not under any forwarded domain, so the test would not exercise forwarding.`,
        });
      }
    });
  })
  .transform((input) => ({
    domains: coveringDomains(input.domains),
    resolverIps: input.resolverIps,
    testNames: [...new Set(input.testNames)],
    vpcCidrs: input.vpcCidrs ?? [],
  }))
  .brand<"DnsForwardingTargets">();

export type DnsForwardingInput = z.input<typeof dnsForwardingInput>;
/** Validated, normalised input: lower-case names without trailing dots, covered domains folded in. */
export type DnsForwardingTargets = z.output<typeof dnsForwardingInput>;

const INVALID_MESSAGE = "The DNS forwarding details are not valid.";

export function parseDnsForwardingInput(raw: unknown): ActionResult<DnsForwardingTargets> {
  const parsed = dnsForwardingInput.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "input";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { ok: false, code: "invalid_input", message: INVALID_MESSAGE, fieldErrors };
}
