import { z } from "zod";
import { OFFERED_PRODUCT_REGION_MESSAGE } from "@/lib/connectivity/privatelink/input";
import { displayText } from "@/lib/connectivity/text";
import { contains, formatCidr, hasHostBits, networkOf, overlaps, parseCidr, parseCidrNotation, requireCidr, sameCidr, type Cidr } from "@/lib/net/cidr";
import { parseIpv4 } from "@/lib/net/ipv4";
import { specialPurposeRangeOf, specialPurposeRangesOverlapping, type SpecialPurposeKind } from "@/lib/net/special-purpose";

/**
 * What a customer gives to ask for a Site-to-Site VPN, with AWS's rules for customer gateways,
 * tunnel options and pre-shared keys (AWS-FACTS.md, "Site-to-Site VPN parameters"). Facts zod cannot
 * see (the device types AWS lists, which product regions exist and where) are checked by
 * `siteToSiteInputFor`, which the action builds once it has them.
 */

export const ON_PREM_CIDR_LIMIT = 20;
export const PRODUCT_REGION_LIMIT = 10;
/** Broader than a /8 would pull much of the internet into the tunnel. */
export const ON_PREM_MIN_PREFIX = 8;

export const ASN_MAX = 4_294_967_295;
/** The largest ASN CreateCustomerGateway takes as BgpAsn; larger ones go in BgpAsnExtended. */
export const BGP_ASN_PARAMETER_MAX = 2_147_483_647;
export const PRIVATE_ASN_HINT = "If you have no ASN of your own, use a private one from 64512 to 65534.";

/** ASNs AWS keeps for itself in some regions: a customer gateway cannot use them. */
export const AWS_RESERVED_ASNS: ReadonlyMap<number, string> = new Map([
  [7224, "us-east-1"],
  [9059, "eu-west-1"],
  [10124, "ap-northeast-1"],
  [17493, "ap-southeast-1"],
]);

/** ASNs no BGP speaker may use as its own, with the reason. */
const UNUSABLE_ASNS: ReadonlyMap<number, string> = new Map([
  [0, "ASN 0 is reserved and cannot identify a BGP speaker (RFC 7607)."],
  [23456, "ASN 23456 is AS_TRANS, a placeholder 2-byte routers use for 4-byte ASNs (RFC 6793); use your real ASN."],
  [65535, "ASN 65535 is reserved (RFC 7300)."],
  [ASN_MAX, "ASN 4294967295 is reserved (RFC 7300)."],
]);

/** Azure VPN gateways only take APIPA BGP addresses from this range (Azure VPN Gateway BGP docs). */
export const AZURE_APIPA_RANGE = { first: "169.254.21.0", last: "169.254.22.255" } as const;

const TUNNEL_INSIDE_RANGE = requireCidr("169.254.0.0/16");
/** Inside CIDRs AWS uses itself (AWS-FACTS.md). */
export const RESERVED_TUNNEL_INSIDE_CIDRS: readonly string[] = [
  ...[0, 1, 2, 3, 4, 5].map((third) => `169.254.${third}.0/30`),
  "169.254.169.252/30",
];

export const OTHER_CLOUDS = ["azure", "gcp", "oracle", "other"] as const;
export type OtherCloud = (typeof OTHER_CLOUDS)[number];

/** Forms send blank fields as empty strings; for an optional field that means "not given". */
function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

// ---- device address

const DEVICE_IP_HINT = "Enter the public IPv4 address your VPN device uses on the internet (behind NAT, the NAT device's public address).";

export const deviceIp = z
  .string({ error: DEVICE_IP_HINT })
  .trim()
  .superRefine((text, ctx) => {
    if (text === "") {
      ctx.addIssue({ code: "custom", message: DEVICE_IP_HINT });
      return;
    }
    const address = parseIpv4(text);
    if (address === null) {
      ctx.addIssue({ code: "custom", message: `“${text.slice(0, 40)}” is not an IPv4 address. ${DEVICE_IP_HINT}` });
      return;
    }
    const range = specialPurposeRangeOf(address);
    if (range) {
      ctx.addIssue({
        code: "custom",
        message: `${text} is in ${range.text}, ${range.description}, which cannot be reached from the internet. ${DEVICE_IP_HINT}`,
      });
    }
  });

// ---- BGP ASN

const ASN_HINT = `Enter your BGP ASN, e.g. 65000. ${PRIVATE_ASN_HINT}`;

/** Reads "65000" or asdot "1.10" (= 65546), the two ways ASNs are written. */
function readAsn(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const asdot = /^(\d+)\.(\d+)$/.exec(text);
  if (asdot && Number(asdot[1]) <= 65535 && Number(asdot[2]) <= 65535) return Number(asdot[1]) * 65536 + Number(asdot[2]);
  return text;
}

export const bgpAsn = z.preprocess(
  readAsn,
  z
    .number({ error: ASN_HINT })
    .int(ASN_HINT)
    .superRefine((asn, ctx) => {
      const unusable = UNUSABLE_ASNS.get(asn);
      if (unusable) {
        ctx.addIssue({ code: "custom", message: `${unusable} ${PRIVATE_ASN_HINT}` });
        return;
      }
      if (asn < 1 || asn > ASN_MAX) {
        ctx.addIssue({ code: "custom", message: `An ASN is a number from 1 to 4294967294. ${PRIVATE_ASN_HINT}` });
        return;
      }
      const region = AWS_RESERVED_ASNS.get(asn);
      if (region) {
        ctx.addIssue({ code: "custom", message: `ASN ${asn} is reserved by AWS (${region}) and cannot be used for your device. ${PRIVATE_ASN_HINT}` });
      }
    }),
);

export const routing = z.discriminatedUnion(
  "type",
  [z.object({ type: z.literal("bgp"), asn: bgpAsn }), z.object({ type: z.literal("static") })],
  { error: "Choose dynamic (BGP) or static routing." },
);
export type Routing = z.output<typeof routing>;

// ---- on-premises networks

/** A CIDR list arrives as an array, or as one text field with one range per line or comma. */
function readList(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value.split(/[\s,;]+/).filter((part) => part !== "");
}

/** Private, shared and even public space can be on a customer's network; these cannot. */
const UNROUTABLE_KINDS: ReadonlySet<SpecialPurposeKind> = new Set(["this_network", "loopback", "link_local", "multicast", "reserved", "broadcast"]);

const ON_PREM_HINT = "Enter the IPv4 networks at your site that need to reach the service, as CIDRs, e.g. 10.20.0.0/16.";

/** The network a listed CIDR stands for, or why it cannot be used. */
function checkOnPremCidr(text: string): { cidr: Cidr } | { problem: string } {
  const notation = parseCidrNotation(text);
  if (!notation) return { problem: `“${text.slice(0, 40)}” is not an IPv4 CIDR. ${ON_PREM_HINT}` };
  const cidr = networkOf(notation);
  if (hasHostBits(notation)) return { problem: `${text} has host bits set; the network is ${formatCidr(cidr)}. Enter it in that form.` };
  if (cidr.prefix === 0) return { problem: "0.0.0.0/0 would send all your traffic into the tunnel. List the networks that need the service." };
  if (cidr.prefix < ON_PREM_MIN_PREFIX) {
    return { problem: `${text} is too broad: use /${ON_PREM_MIN_PREFIX} or longer, listing the networks that need the service.` };
  }
  const special = specialPurposeRangesOverlapping(cidr).find((range) => UNROUTABLE_KINDS.has(range.kind));
  if (special) {
    const why = special.kind === "link_local" ? "; the VPN tunnels themselves use that range" : "";
    return { problem: `${text} overlaps ${special.text}, ${special.description}, which cannot be routed over a VPN${why}.` };
  }
  return { cidr };
}

export const onPremCidrs = z.preprocess(
  readList,
  z
    .array(z.string({ error: ON_PREM_HINT }).trim(), { error: ON_PREM_HINT })
    .min(1, ON_PREM_HINT)
    .max(ON_PREM_CIDR_LIMIT, `List at most ${ON_PREM_CIDR_LIMIT} networks; summarise neighbouring ones into a shorter prefix.`)
    .superRefine((texts, ctx) => {
      const seen: Array<{ cidr: Cidr; text: string }> = [];
      texts.forEach((text, index) => {
        const checked = checkOnPremCidr(text);
        if ("problem" in checked) {
          ctx.addIssue({ code: "custom", message: checked.problem, path: [index] });
          return;
        }
        const { cidr } = checked;
        const clash = seen.find((other) => overlaps(other.cidr, cidr));
        if (clash) {
          const message =
            sameCidr(clash.cidr, cidr)
              ? `${text} is listed twice.`
              : `${text} overlaps ${clash.text}. List each network once; ${contains(clash.cidr, cidr) ? clash.text : text} covers both.`;
          ctx.addIssue({ code: "custom", message, path: [index] });
          return;
        }
        seen.push({ cidr, text });
      });
    }),
);

// ---- tunnel options

export const tunnelInsideCidr = z
  .string({ error: "Enter the tunnel inside CIDR, e.g. 169.254.10.0/30." })
  .trim()
  .superRefine((text, ctx) => {
    const notation = parseCidrNotation(text);
    const cidr = notation ? networkOf(notation) : null;
    if (!notation || !cidr || notation.prefix !== 30 || !contains(TUNNEL_INSIDE_RANGE, cidr)) {
      ctx.addIssue({ code: "custom", message: `${text.slice(0, 40)} is not allowed: a tunnel inside CIDR is a /30 in 169.254.0.0/16, e.g. 169.254.10.0/30.` });
      return;
    }
    if (hasHostBits(notation)) {
      ctx.addIssue({ code: "custom", message: `${text} has host bits set; the /30 is ${formatCidr(cidr)}. Enter it in that form.` });
      return;
    }
    if (RESERVED_TUNNEL_INSIDE_CIDRS.includes(text)) {
      ctx.addIssue({
        code: "custom",
        message: `${text} is reserved by AWS; choose another /30 in 169.254.0.0/16 (not 169.254.0.0/30 to 169.254.5.0/30, nor 169.254.169.252/30).`,
      });
    }
  });

const PSK_RULES = "8 to 64 letters, digits, periods (.) and underscores (_), not starting with 0";

export const preSharedKey = z
  .string({ error: `A pre-shared key is ${PSK_RULES}.` })
  .superRefine((key, ctx) => {
    if (key.length < 8 || key.length > 64) {
      ctx.addIssue({ code: "custom", message: `A pre-shared key is 8 to 64 characters long; this one has ${key.length}.` });
    } else if (!/^[A-Za-z0-9._]+$/.test(key)) {
      ctx.addIssue({ code: "custom", message: "A pre-shared key can use letters, digits, periods (.) and underscores (_) only." });
    } else if (key.startsWith("0")) {
      ctx.addIssue({ code: "custom", message: "A pre-shared key cannot start with 0 (zero)." });
    }
  });

const tunnelOptions = z.object({
  insideCidr: z.preprocess(blankToUndefined, tunnelInsideCidr.optional()),
  preSharedKey: z.preprocess(blankToUndefined, preSharedKey.optional()),
});
export type TunnelOptions = z.output<typeof tunnelOptions>;

// ---- the whole form

const booleanField = z.preprocess(
  (value) => (value === "on" || value === "true" ? true : value === "false" || value === undefined || value === "" ? false : value),
  z.boolean({ error: "Choose whether to accelerate the VPN." }),
);

/** What the action knows and zod alone does not: AWS's device list, the offered product regions, the gateway's ASN. */
export interface SiteToSiteContext {
  /** Ids from GetVpnConnectionDeviceTypes. */
  deviceTypeIds: readonly string[];
  /** Offered product region id -> its AWS region. */
  productRegions: ReadonlyMap<string, string>;
  /** The ASN of the AWS side (virtual private or transit gateway); BGP needs the two sides to differ. */
  amazonSideAsn: number;
}

const DEVICE_TYPE_HINT = "Choose your VPN device's vendor and platform from the list.";
const CHOOSE_CLOUD = "Choose the cloud: Azure, Google Cloud, Oracle Cloud or other.";

function buildSchema(context: SiteToSiteContext | null) {
  const deviceTypes = context ? new Set(context.deviceTypeIds) : null;
  return z
    .object({
      siteName: displayText({ max: 64, label: "Site name" }).min(1, "Enter a name for this site, e.g. “Head office”."),
      location: z.enum(["on_premises", "other_cloud"], { error: "Choose where your network is: on premises or another cloud." }),
      cloud: z.preprocess(blankToUndefined, z.enum(OTHER_CLOUDS, { error: CHOOSE_CLOUD }).optional()),
      deviceIp,
      routing,
      onPremCidrs,
      deviceTypeId: z
        .string({ error: DEVICE_TYPE_HINT })
        .trim()
        .refine((id) => id !== "" && id.length <= 64 && (deviceTypes === null || deviceTypes.has(id)), DEVICE_TYPE_HINT),
      accelerated: booleanField,
      productRegionIds: z.preprocess(
        (value) => (typeof value === "string" ? [value] : value),
        z
          .array(
            z.uuid({ error: OFFERED_PRODUCT_REGION_MESSAGE, abort: true }).refine((id) => !context || context.productRegions.has(id), OFFERED_PRODUCT_REGION_MESSAGE),
            { error: "Choose at least one product." },
          )
          .min(1, "Choose at least one product.")
          .max(PRODUCT_REGION_LIMIT, `Choose at most ${PRODUCT_REGION_LIMIT} products for one site.`)
          .refine((ids) => new Set(ids).size === ids.length, "Each product can be chosen once.")
          .superRefine((ids, ctx) => {
            if (!context) return;
            const regions = new Set(ids.flatMap((id) => context.productRegions.get(id) ?? []));
            if (regions.size > 1) {
              ctx.addIssue({
                code: "custom",
                message: `One site connects in one AWS region; these products are in ${[...regions].sort().join(" and ")}. Add a site per region.`,
              });
            }
          }),
      ),
      tunnels: z.preprocess(blankToUndefined, z.array(tunnelOptions).length(2, "Give options for both tunnels, or for none.").optional()),
    })
    .superRefine((input, ctx) => {
      if (input.location === "other_cloud" && !input.cloud) {
        ctx.addIssue({ code: "custom", path: ["cloud"], message: CHOOSE_CLOUD });
      }
      const otherCloud = input.location === "other_cloud" ? input.cloud : undefined;
      if (otherCloud === "gcp" && input.routing.type !== "bgp") {
        ctx.addIssue({
          code: "custom",
          path: ["routing", "type"],
          message: "Google Cloud HA VPN needs dynamic routing: choose BGP and give your Cloud Router's ASN.",
        });
      }
      if (context && input.routing.type === "bgp" && input.routing.asn === context.amazonSideAsn) {
        ctx.addIssue({
          code: "custom",
          path: ["routing", "asn"],
          message: `ASN ${input.routing.asn} is the AWS side's own ASN; your device needs a different one, e.g. ${context.amazonSideAsn === 65000 ? 65001 : 65000}.`,
        });
      }
      const [first, second] = input.tunnels ?? [];
      if (first?.insideCidr && second?.insideCidr && first.insideCidr === second.insideCidr) {
        ctx.addIssue({ code: "custom", path: ["tunnels", 1, "insideCidr"], message: "The two tunnels need different inside CIDRs." });
      }
      if (otherCloud === "azure" && input.routing.type === "bgp") {
        (input.tunnels ?? []).forEach((tunnel, index) => {
          if (tunnel.insideCidr && !withinAzureApipa(tunnel.insideCidr)) {
            ctx.addIssue({
              code: "custom",
              path: ["tunnels", index, "insideCidr"],
              message: `Azure only takes BGP addresses from ${AZURE_APIPA_RANGE.first} to ${AZURE_APIPA_RANGE.last}: choose a /30 there, e.g. 169.254.21.${index * 4}/30.`,
            });
          }
        });
      }
    })
    // The cloud only means something for other_cloud; dropping it keeps stored intents unambiguous.
    .transform((input) => (input.location === "on_premises" ? { ...input, cloud: undefined } : input));
}

function withinAzureApipa(insideCidr: string): boolean {
  const cidr = parseCidr(insideCidr);
  const first = parseIpv4(AZURE_APIPA_RANGE.first);
  const last = parseIpv4(AZURE_APIPA_RANGE.last);
  return cidr !== null && first !== null && last !== null && cidr.base >= first && cidr.base + 3 <= last;
}

/** Every rule that needs no outside facts: for the browser's form, and as the base of the action's check. */
export const siteToSiteInput = buildSchema(null);
export type SiteToSiteInput = z.output<typeof siteToSiteInput>;

/** The full check the action runs once it has fetched the device types and product regions. */
export function siteToSiteInputFor(context: SiteToSiteContext): typeof siteToSiteInput {
  return buildSchema(context);
}

/** How CreateCustomerGateway takes an ASN: above 2,147,483,647 it must go in BgpAsnExtended. */
export function customerGatewayAsnParameter(asn: number): { BgpAsn: number } | { BgpAsnExtended: number } {
  return asn > BGP_ASN_PARAMETER_MAX ? { BgpAsnExtended: asn } : { BgpAsn: asn };
}

