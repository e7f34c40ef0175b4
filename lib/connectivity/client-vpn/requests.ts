import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { productRegions, products } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { isUniqueViolation } from "@/lib/dal/unique-violation";
import { assertRoomForConnection } from "@/lib/dal/connections";
import { retryRun, startProvision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { AppError } from "@/lib/errors";
import { failedRunToRetry, insertRequestedConnection, invalid, retryFailedConnection, startConnectionRemoval } from "../connection-requests-common";
import { markClientVpnRemoved } from "./connection-lifecycle";
import { findClientVpnConnection, type ClientVpnParams } from "./connection-record";
import { placeClientVpnConnection } from "./placement";
import { clientVpnConnectionPlan, clientVpnEnvironmentPlan } from "./plans";
import { environmentRun, placedEnvironment } from "./region-environment";

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

  await assertRoomForConnection(db, tenantId);
  const params: ClientVpnParams = { region: input.region, productRegionIds: chosenIds };
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const connectionId = await insertRequestedConnection(tx, caller, {
        tenantId,
        type: "client_vpn",
        location: "on_premises",
        label: input.label || null,
        params: { ...params },
        productRegionIds: chosenIds,
        message: `Requested Client VPN to ${chosen.map((product) => product.productName).join(", ")} in ${input.region}.`,
        auditDetail: { region: input.region, products: chosen.length },
      });
      await placeClientVpnConnection(tx, clientVpnEnvironmentPlan, connectionId);
      await startProvision(tx, clientVpnConnectionPlan, { connectionId, tenantId, input: params });
      return connectionId;
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
  await startConnectionRemoval(db, caller, connection, clientVpnConnectionPlan, markClientVpnRemoved);
}

/**
 * Support's retry: the failed run continues from its failed step. When the connection failed
 * because the region's shared environment did, that run continues too.
 */
export async function retryClientVpn(db: Db, caller: Caller, connectionId: string): Promise<void> {
  const connection = await findClientVpnConnection(db, caller, connectionId);
  const run = await failedRunToRetry(db, connectionId);
  const environment = run.direction === "provision" ? await placedEnvironment(db, connection.id) : null;
  const environmentRunView = environment ? await environmentRun(db, environment.id) : null;
  const environmentFailed = environmentRunView?.status === "failed";
  await retryFailedConnection(db, caller, connection, run, {
    auditDetail: { environmentRetried: environmentFailed },
    before: async (tx) => {
      if (environmentRunView && environmentFailed) await retryRun(tx, environmentRunView.id);
    },
  });
}
