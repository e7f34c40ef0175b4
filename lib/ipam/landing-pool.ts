import { z } from "zod";
import { contains, overlaps, parseCidr, requireCidr } from "@/lib/net/cidr";

/**
 * The provider's address pool for landing VPCs, carved into equal blocks, one per Site-to-Site
 * connection.
 *
 * Why /24 blocks by default: a landing VPC holds a subnet in each of two or three zones; each subnet
 * needs one address per interface endpoint (at most 10 products per site) and one for the Route 53
 * Resolver inbound endpoint, plus the 5 AWS keeps. A /24 split into /26 subnets leaves 59 usable
 * addresses per zone, several times that, and 10.128.0.0/12 still holds 4,096 sites.
 * Why 10.128.0.0/12: customers usually number from the bottom of 10/8, 172.16/12 and 192.168/16;
 * the middle of 10/8 collides least. A provider whose customers route all of 10/8 adds a second
 * pool (e.g. 100.64.0.0/16, which AWS also accepts as a VPC CIDR).
 */
export interface LandingPool {
  /** Pool CIDRs, tried in order. */
  cidrs: readonly string[];
  /** Prefix length of each landing VPC's block. */
  blockPrefix: number;
}

export const DEFAULT_LANDING_POOL: LandingPool = { cidrs: ["10.128.0.0/12"], blockPrefix: 24 };

/** Ranges AWS accepts as a VPC's primary CIDR without bring-your-own addresses. */
const VPC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(requireCidr);
/** AWS's VPC CIDR size limits. */
const VPC_MIN_PREFIX = 16;
const VPC_MAX_PREFIX = 28;

/** For configuration (environment or settings): the same rules with messages for an operator. */
export const landingPoolConfig = z
  .object({
    cidrs: z.array(z.string().trim()).min(1, "The landing pool needs at least one CIDR."),
    blockPrefix: z.coerce
      .number()
      .int()
      .min(VPC_MIN_PREFIX, `Landing blocks are VPC CIDRs: /${VPC_MIN_PREFIX} to /${VPC_MAX_PREFIX}.`)
      .max(VPC_MAX_PREFIX, `Landing blocks are VPC CIDRs: /${VPC_MIN_PREFIX} to /${VPC_MAX_PREFIX}.`),
  })
  .superRefine((pool, ctx) => {
    const parsed = pool.cidrs.map((text) => ({ text, cidr: parseCidr(text) }));
    parsed.forEach(({ text, cidr }, index) => {
      if (!cidr) {
        ctx.addIssue({ code: "custom", path: ["cidrs", index], message: `${text} is not a canonical IPv4 CIDR.` });
      } else if (!VPC_RANGES.some((range) => contains(range, cidr))) {
        ctx.addIssue({ code: "custom", path: ["cidrs", index], message: `${text} is outside the private ranges AWS accepts for VPCs (RFC 1918, 100.64.0.0/10).` });
      } else if (cidr.prefix > pool.blockPrefix) {
        ctx.addIssue({ code: "custom", path: ["cidrs", index], message: `${text} is smaller than one /${pool.blockPrefix} block.` });
      } else {
        const clash = parsed.slice(0, index).find((other) => other.cidr && overlaps(other.cidr, cidr));
        if (clash) ctx.addIssue({ code: "custom", path: ["cidrs", index], message: `${text} overlaps ${clash.text}.` });
      }
    });
  });
