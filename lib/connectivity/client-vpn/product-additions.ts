import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { clientVpnEnvironments, clientVpnProductAdditions, planRuns, planSteps, type ClientVpnProductAdditionStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { interfaceEndpointsOutput, type InterfaceEndpoint } from "@/lib/connectivity/landing-network/interface-endpoints";
import { ACTIVE_RUN_STATUSES } from "@/lib/engine/runs";
import type { RunFailure } from "@/lib/engine/plan";

/**
 * The products an environment gained after it was built (client_vpn_product_additions): the
 * moments their runs change a row, and what the environment's removal and the tenants' pages read.
 */

async function move(db: DbOrTx, additionId: string, from: readonly ClientVpnProductAdditionStatus[], set: Partial<typeof clientVpnProductAdditions.$inferInsert>) {
  const rows = await db
    .update(clientVpnProductAdditions)
    .set(set)
    .where(and(eq(clientVpnProductAdditions.id, additionId), inArray(clientVpnProductAdditions.status, [...from])))
    .returning({ environmentId: clientVpnProductAdditions.environmentId, productRegionId: clientVpnProductAdditions.productRegionId });
  return rows[0] ?? null;
}

/** The endpoint is available: devices reach the product. System work, so the audit row has no actor. */
export async function markAdditionAvailable(db: DbOrTx, additionId: string, region: string, endpoint: InterfaceEndpoint): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await move(tx, additionId, ["adding"], { status: "available", reason: null, finishedAt: new Date() });
    if (!moved) return;
    await recordAudit(tx, null, {
      action: "client_vpn.environment.product_add",
      tenantId: null,
      targetType: "client_vpn_environment",
      targetId: moved.environmentId,
      detail: { region, productRegionId: moved.productRegionId, vpcEndpointId: endpoint.vpcEndpointId },
    });
  });
}

/** The engine's hook as the run fails: the row keeps AWS's error for support; the run keeps the rest. */
export async function markAdditionFailed(tx: Tx, failure: RunFailure): Promise<void> {
  if (failure.direction !== "provision") return;
  await move(tx, failure.connectionId, ["adding"], { status: "failed", reason: failure.message, finishedAt: new Date() });
}

/** Support retries the failed run: the row is adding again until the run ends. False when it had not failed. */
export async function markAdditionRetrying(tx: DbOrTx, additionId: string): Promise<boolean> {
  return (await move(tx, additionId, ["failed"], { status: "adding", reason: null, finishedAt: null })) !== null;
}

/** Its own undo deleted the endpoint. */
export async function markAdditionRemoved(db: DbOrTx, additionId: string): Promise<void> {
  await move(db, additionId, ["adding", "available", "failed"], { status: "removed", finishedAt: new Date() });
}

/** The environment is gone, and with its VPC every endpoint the additions made. */
export async function markEnvironmentAdditionsRemoved(tx: DbOrTx, environmentId: string): Promise<void> {
  await tx
    .update(clientVpnProductAdditions)
    .set({ status: "removed", finishedAt: new Date() })
    .where(and(eq(clientVpnProductAdditions.environmentId, environmentId), ne(clientVpnProductAdditions.status, "removed")));
}

/** Whether an addition may still make its endpoint: never into an environment on its way out. */
export async function environmentAvailable(db: DbOrTx, environmentId: string): Promise<boolean> {
  const [row] = await db.select({ status: clientVpnEnvironments.status }).from(clientVpnEnvironments).where(eq(clientVpnEnvironments.id, environmentId));
  return row?.status === "available";
}

/** Whether an addition's run is still going: the environment's removal waits for it, so none makes an endpoint behind it. */
export async function additionUnderWay(db: DbOrTx, environmentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: planRuns.id })
    .from(planRuns)
    .innerJoin(clientVpnProductAdditions, eq(clientVpnProductAdditions.id, planRuns.connectionId))
    .where(and(eq(clientVpnProductAdditions.environmentId, environmentId), inArray(planRuns.status, [...ACTIVE_RUN_STATUSES])))
    .limit(1);
  return rows.length > 0;
}

function endpointDnsNamesOf(outputs: unknown): string[] {
  const parsed = interfaceEndpointsOutput.safeParse(outputs);
  return parsed.success ? parsed.data.endpoints.flatMap((endpoint) => endpoint.dnsNames) : [];
}

export interface ProductAddition {
  productRegionId: string;
  status: ClientVpnProductAdditionStatus;
  /** Why an unreachable or failed addition gives devices no way to the product. */
  reason: string | null;
  /** The available endpoint's DNS names; empty until then. */
  endpointDnsNames: string[];
}

/** The environment's additions, whatever became of them (but removal), with their endpoints once available. */
export async function productAdditions(db: DbOrTx, environmentId: string): Promise<ProductAddition[]> {
  const rows = await db
    .select({
      productRegionId: clientVpnProductAdditions.productRegionId,
      status: clientVpnProductAdditions.status,
      reason: clientVpnProductAdditions.reason,
      endpointOutputs: planSteps.outputs,
    })
    .from(clientVpnProductAdditions)
    .leftJoin(planRuns, and(eq(planRuns.connectionId, clientVpnProductAdditions.id), eq(planRuns.direction, "provision")))
    .leftJoin(planSteps, and(eq(planSteps.runId, planRuns.id), eq(planSteps.name, "endpoint"), eq(planSteps.status, "succeeded")))
    .where(and(eq(clientVpnProductAdditions.environmentId, environmentId), ne(clientVpnProductAdditions.status, "removed")));
  return rows.map(({ endpointOutputs, ...row }) => ({
    ...row,
    endpointDnsNames: row.status === "available" ? endpointDnsNamesOf(endpointOutputs) : [],
  }));
}
