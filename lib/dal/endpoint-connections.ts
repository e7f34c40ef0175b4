import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { endpointConnections, productRegions, products, type EndpointDnsEntry } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { requireProviderStaff } from "@/lib/auth/tenant-scope";
import { acceptEndpointConnections, rejectEndpointConnections, type ItemFailure } from "@/lib/aws/endpoint-services";
import { isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { AppError } from "@/lib/errors";

export interface HeldEndpointView {
  id: string;
  productRegionId: string;
  productName: string;
  region: string;
  serviceId: string;
  vpcEndpointId: string;
  ownerAccountId: string;
  awsState: string;
  dnsEntries: EndpointDnsEntry[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const unmatchedHeld = and(eq(endpointConnections.decision, "held"), isNull(endpointConnections.connectionId));

/** Endpoint connections whose owner matches no tenant, held for support to decide. */
export async function listHeldEndpoints(db: Db, caller: Caller, paging: { page: number; pageSize: number }): Promise<{ rows: HeldEndpointView[]; total: number }> {
  requireProviderStaff(caller);
  const rows = await db
    .select({
      id: endpointConnections.id,
      productRegionId: endpointConnections.productRegionId,
      productName: products.name,
      region: productRegions.region,
      serviceId: productRegions.serviceId,
      vpcEndpointId: endpointConnections.vpcEndpointId,
      ownerAccountId: endpointConnections.ownerAccountId,
      awsState: endpointConnections.awsState,
      dnsEntries: endpointConnections.dnsEntries,
      firstSeenAt: endpointConnections.firstSeenAt,
      lastSeenAt: endpointConnections.lastSeenAt,
    })
    .from(endpointConnections)
    .innerJoin(productRegions, eq(productRegions.id, endpointConnections.productRegionId))
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(unmatchedHeld)
    .orderBy(desc(endpointConnections.lastSeenAt), desc(endpointConnections.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const [total] = await db.select({ n: count() }).from(endpointConnections).where(unmatchedHeld);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Support's decision on a held endpoint connection: accept (the provider vouches for the account)
 * or reject. Done in AWS first, then recorded; returns the product region to reconcile.
 */
export async function decideHeldEndpoint(
  db: Db,
  caller: Caller,
  input: { endpointConnectionId: string; decision: "accept" | "reject" },
): Promise<{ productRegionId: string }> {
  requireProviderStaff(caller);
  const [row] = await db
    .select({ endpoint: endpointConnections, region: productRegions.region, serviceId: productRegions.serviceId })
    .from(endpointConnections)
    .innerJoin(productRegions, eq(productRegions.id, endpointConnections.productRegionId))
    .where(eq(endpointConnections.id, input.endpointConnectionId))
    .limit(1);
  if (!row || row.endpoint.decision !== "held" || row.endpoint.connectionId !== null) {
    throw new AppError("not_found", "This endpoint connection is no longer waiting for a decision.");
  }
  const { endpoint } = row;
  let failures: ItemFailure[];
  try {
    failures =
      input.decision === "accept"
        ? await acceptEndpointConnections(row.region, row.serviceId, [endpoint.vpcEndpointId])
        : await rejectEndpointConnections(row.region, row.serviceId, [endpoint.vpcEndpointId]);
  } catch (error) {
    if (!isTransient(error)) console.error("[onramp] deciding an endpoint connection failed", error);
    throw new AppError("cloud_error", safeAwsMessage(error));
  }
  const failure = failures[0];
  if (failure) throw new AppError("cloud_error", `AWS refused to ${input.decision} ${endpoint.vpcEndpointId} (${failure.code}).`);
  const decision = input.decision === "accept" ? "accepted" : "rejected";
  await db.transaction(async (tx) => {
    await tx
      .update(endpointConnections)
      .set({ decision, decidedBy: caller.userId, decidedAt: new Date(), awsState: decision === "accepted" ? "pending" : "rejected" })
      .where(eq(endpointConnections.id, endpoint.id));
    await recordAudit(tx, caller, {
      action: `endpoint.${input.decision}`,
      tenantId: null,
      targetType: "endpoint_connection",
      targetId: endpoint.vpcEndpointId,
      detail: { serviceId: row.serviceId, ownerAccountId: endpoint.ownerAccountId, reason: "support decision" },
    });
  });
  return { productRegionId: endpoint.productRegionId };
}
