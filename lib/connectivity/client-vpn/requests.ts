import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { connectionEvents, connectionProducts, connections, planRuns, productRegions, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { isUniqueViolation } from "@/lib/dal/unique-violation";
import { MAX_LIVE_CONNECTIONS_PER_TENANT } from "@/lib/dal/connections";
import { latestRunId, retryRun, startDeprovision, startProvision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { AppError } from "@/lib/errors";
import { markClientVpnRemoved } from "./connection-lifecycle";
import { findClientVpnConnection, type ClientVpnParams } from "./connection-record";
import { clientVpnConnectionPlan } from "./plans";
import { environmentRun, liveEnvironment } from "./region-environment";

/**
 * What people do to a tenant's Client VPN connection. Each checks what it can, records the intent
 * and the engine's run in one transaction, and returns; the engine does the rest.
 */

export const clientVpnInput = z.object({
  region: z.string().trim().min(1, "Choose a region."),
  productRegionIds: z.array(z.uuid({ error: "Choose products from the list." })).min(1, "Choose at least one product."),
  label: z.string().trim().max(64, "Use at most 64 characters.").optional(),
});
export type ClientVpnInput = z.output<typeof clientVpnInput>;

function invalid(field: string, message: string): AppError {
  return new AppError("invalid_input", message, { [field]: [message] });
}

const ALREADY = "Your organisation already has Client VPN in this region: add devices to it.";

/** Validates the region and products against the catalog and records the connection and its run. */
export async function createClientVpn(db: Db, caller: Caller, input: ClientVpnInput): Promise<{ id: string }> {
  const tenantId = tenantFor(caller);
  const offered = await db
    .select({ productRegionId: productRegions.id, productName: products.name })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(eq(productRegions.region, input.region));
  if (offered.length === 0) throw invalid("region", `The provider offers no products in ${input.region}.`);
  const byId = new Map(offered.map((product) => [product.productRegionId, product]));
  const chosenIds = [...new Set(input.productRegionIds)];
  if (chosenIds.some((id) => !byId.has(id))) throw invalid("productRegionIds", `Choose products offered in ${input.region}.`);
  const chosen = chosenIds.flatMap((id) => byId.get(id) ?? []);

  const [live] = await db.select({ n: count() }).from(connections).where(and(eq(connections.tenantId, tenantId), ne(connections.status, "removed")));
  if ((live?.n ?? 0) >= MAX_LIVE_CONNECTIONS_PER_TENANT) {
    throw new AppError("conflict", `Your organisation already has ${MAX_LIVE_CONNECTIONS_PER_TENANT} connections. Remove one first.`);
  }
  const params: ClientVpnParams = { region: input.region, productRegionIds: chosenIds };
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(connections)
        .values({
          tenantId,
          location: "on_premises",
          type: "client_vpn",
          label: input.label || null,
          params: { ...params },
          status: "provisioning",
          createdBy: caller.userId,
        })
        .returning({ id: connections.id });
      if (!row) throw new Error("Inserting a connection returned no row.");
      await tx.insert(connectionProducts).values(chosen.map((product, position) => ({ connectionId: row.id, productRegionId: product.productRegionId, position })));
      await tx.insert(connectionEvents).values({
        connectionId: row.id,
        kind: "requested",
        message: `Requested Client VPN to ${chosen.map((product) => product.productName).join(", ")} in ${input.region}.`,
        actorUserId: caller.userId,
      });
      await recordAudit(tx, caller, {
        action: "connection.create",
        tenantId,
        targetType: "connection",
        targetId: row.id,
        detail: { type: "client_vpn", region: input.region, products: chosen.length },
      });
      await startProvision(tx, clientVpnConnectionPlan, { connectionId: row.id, tenantId, input: params });
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "connections_live_client_vpn_region")) throw new AppError("conflict", ALREADY, { region: [ALREADY] });
    throw error;
  }
  // startProvision woke the workers inside the transaction, before they could see the run.
  wakeLocalWorkers();
  return { id };
}

/** Starts the removal: the engine revokes the tenant's devices in the region; the shared environment stays. */
export async function removeClientVpn(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  const already = new AppError("conflict", "This connection is already being removed.");
  if (connection.status === "removing" || connection.status === "removed") throw already;
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(connections)
      .set({ status: "removing", updatedAt: new Date() })
      .where(and(eq(connections.id, connectionId), eq(connections.status, connection.status)))
      .returning({ id: connections.id });
    if (moved.length === 0) throw already;
    await tx.insert(connectionEvents).values({ connectionId, kind: "removing", message: "Removal requested.", actorUserId: caller.userId });
    await recordAudit(tx, caller, { action: "connection.remove", tenantId: connection.tenantId, targetType: "connection", targetId: connectionId });
    const runId = await startDeprovision(tx, clientVpnConnectionPlan, { connectionId });
    const [run] = await tx.select({ status: planRuns.status }).from(planRuns).where(eq(planRuns.id, runId));
    // Nothing had started yet, so there is nothing to undo: the removal is complete now.
    if (run?.status === "succeeded") await markClientVpnRemoved(tx, connectionId);
  });
  wakeLocalWorkers();
}

/**
 * Support's retry: the failed run continues from its failed step. When the connection failed
 * because the region's shared environment did, that run continues too.
 */
export async function retryClientVpn(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  const runId = await latestRunId(db, connectionId);
  const [run] = runId ? await db.select().from(planRuns).where(eq(planRuns.id, runId)) : [];
  if (!run || run.status !== "failed") throw new AppError("conflict", "Only a failed connection can be retried.");
  const environment = run.direction === "provision" ? await liveEnvironment(db, connection.region) : null;
  const environmentRunView = environment ? await environmentRun(db, environment.id) : null;
  await db.transaction(async (tx) => {
    await tx.insert(connectionEvents).values({
      connectionId,
      kind: "retry",
      message: `Support retried the ${run.direction === "provision" ? "provisioning" : "removal"} from step ${run.errorStep ?? "unknown"}.`,
      actorUserId: caller.userId,
    });
    await recordAudit(tx, caller, {
      action: "connection.retry",
      tenantId: connection.tenantId,
      targetType: "connection",
      targetId: connectionId,
      detail: { step: run.errorStep, previousError: run.errorCode, environmentRetried: environmentRunView?.status === "failed" },
    });
    if (environmentRunView?.status === "failed") await retryRun(tx, environmentRunView.id);
    if (!(await retryRun(tx, run.id))) throw new AppError("conflict", "Only a failed connection can be retried.");
  });
  wakeLocalWorkers();
}
