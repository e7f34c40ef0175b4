import { z } from "zod";
import { planProduct } from "@/lib/connectivity/landing-network/plan-product";
import type { LandingPool } from "@/lib/ipam/landing-pool";

/**
 * What a shared Client VPN environment's provisioning run works from, stored with the run: the
 * region, the products its interface endpoints reach (resolved from the catalog when the run
 * starts, so a product edited mid-run cannot change a half-built network), the two zones of its
 * subnets, and the clients' address block settings.
 */
export const clientVpnPlanInput = z.object({
  region: z.string().min(1),
  products: z.array(planProduct).min(1),
  /** Zone IDs (use1-az1) where every product's endpoint service runs: one subnet each. */
  zoneIds: z.array(z.string()).length(2),
  /** Holds the clients' block in lib/ipam (one block per holder; the environment holds the VPC's). */
  clientCidrHolderId: z.string(),
  /** Client VPN accepts 8, 10, 12 or 24 hours. */
  sessionTimeoutHours: z.union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)]),
});
export type ClientVpnPlanInput = z.output<typeof clientVpnPlanInput>;

/**
 * The clients' addresses, one block per endpoint. Client VPN takes /12 to /22 and hands each
 * connection an address from it, and AWS advises a block with at least twice as many addresses as
 * concurrent connections: a shared endpoint's /20 serves about 2,000 devices at once. The pool is
 * beside the landing pool (10.128.0.0/12) in the middle of 10/8, where customers' own networks,
 * which devices sit in, collide least; lib/ipam keeps every block clear of every landing VPC.
 */
export const CLIENT_CIDR_POOL: LandingPool = { cidrs: ["10.144.0.0/12"], blockPrefix: 20 };

export const DEFAULT_SESSION_TIMEOUT_HOURS = 12;
