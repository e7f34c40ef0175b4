import { z } from "zod";
import { planProduct } from "@/lib/connectivity/landing-network/plan-product";

/**
 * What a Site-to-Site provisioning run works from, stored with the run (plan_runs.input): the
 * customer's validated, non-secret request plus what the request resolved from the catalog (each
 * product's endpoint service and ports; the zones chosen for the landing VPC).
 * Pre-shared keys the customer chose are secrets: they wait in connection_secrets, never here.
 */
export const siteToSitePlanInput = z.object({
  region: z.string().min(1),
  siteName: z.string(),
  deviceIp: z.string(),
  routing: z.discriminatedUnion("type", [z.object({ type: z.literal("bgp"), asn: z.number().int() }), z.object({ type: z.literal("static") })]),
  onPremCidrs: z.array(z.string()).min(1),
  accelerated: z.boolean(),
  cloud: z.enum(["azure", "gcp", "oracle", "other"]).nullable(),
  /** Inside CIDRs per tunnel; null lets AWS choose. */
  tunnelInsideCidrs: z.tuple([z.string().nullable(), z.string().nullable()]),
  products: z.array(planProduct).min(1),
  /** Zone IDs (use1-az1) where every product's endpoint service runs: one landing subnet each. */
  zoneIds: z.array(z.string()).min(2),
});
export type SiteToSitePlanInput = z.output<typeof siteToSitePlanInput>;

/** The ASN of the AWS side, virtual private gateway or shared transit gateway alike. */
export const AMAZON_SIDE_ASN = 64512;
/** CreateCustomerGateway needs an ASN even for static routing; 65000 is AWS's own default. */
export const STATIC_ROUTING_CUSTOMER_ASN = 65000;
