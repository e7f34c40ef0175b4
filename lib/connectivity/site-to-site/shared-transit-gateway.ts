import { CreateTransitGatewayCommand, DescribeTransitGatewaysCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tagSpecifications } from "@/lib/engine/adopt";
import { AMAZON_SIDE_ASN } from "./plan-input";
import { required } from "./step-env";

/**
 * The provider's transit gateway for accelerated VPNs: one per region, shared by every tenant, each
 * tenant kept apart by a route table of its own. It belongs to no connection, so no connection's
 * removal deletes it.
 */
export const SHARED_TGW_TAG = { "onramp:shared": "tgw" } as const;

const LIVE_STATES = ["pending", "available", "modifying"];

// A fixed id in pg_advisory_xact_lock's space, distinct from the IPAM allocator's.
const SHARED_TGW_LOCK_ID = 4_170_214;

function sharedDescription(region: string): string {
  return `Onramp shared transit gateway for accelerated Site-to-Site VPNs (${region})`;
}

/**
 * The region's shared gateway, oldest first. It is known by its tag or by its description, both
 * set by the create call: an account holds at most five transit gateways, so listing them is
 * cheap, and a gateway whose tags someone edited is still found rather than made twice.
 */
export async function findSharedTransitGateway(ec2: EC2Client, region: string): Promise<{ id: string; state: string } | null> {
  const result = await ec2.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: "state", Values: LIVE_STATES }] }));
  const gateway = (result.TransitGateways ?? [])
    .filter(
      (candidate) =>
        candidate.Description === sharedDescription(region) ||
        candidate.Tags?.some((tag) => tag.Key === "onramp:shared" && tag.Value === SHARED_TGW_TAG["onramp:shared"]),
    )
    .sort((a, b) => (a.CreationTime?.getTime() ?? 0) - (b.CreationTime?.getTime() ?? 0))[0];
  return gateway?.TransitGatewayId ? { id: gateway.TransitGatewayId, state: gateway.State ?? "pending" } : null;
}

/**
 * Finds or creates the region's shared transit gateway. Many connections ask at once, in several
 * processes, and CreateTransitGateway takes no idempotency token, so the look-up and the create
 * run under a database lock: whoever comes second finds the first one's gateway by its tag.
 */
export async function ensureSharedTransitGateway(db: Db, ec2: EC2Client, region: string): Promise<{ id: string; state: string }> {
  const existing = await findSharedTransitGateway(ec2, region);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SHARED_TGW_LOCK_ID}, hashtext(${region}))`);
    const found = await findSharedTransitGateway(ec2, region);
    if (found) return found;
    const created = await ec2.send(
      new CreateTransitGatewayCommand({
        Description: sharedDescription(region),
        Options: {
          AmazonSideAsn: AMAZON_SIDE_ASN,
          // Tenants never share a route table: nothing is associated or propagated by default.
          DefaultRouteTableAssociation: "disable",
          DefaultRouteTablePropagation: "disable",
          VpnEcmpSupport: "enable",
          DnsSupport: "enable",
        },
        TagSpecifications: tagSpecifications("transit-gateway", { ...SHARED_TGW_TAG, Name: "onramp-shared" }),
      }),
    );
    return { id: required(created.TransitGateway?.TransitGatewayId, "transit gateway id"), state: created.TransitGateway?.State ?? "pending" };
  });
}
