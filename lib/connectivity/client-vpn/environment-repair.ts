import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnEnvironments, clientVpnProductAdditions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { requireProviderStaff } from "@/lib/auth/tenant-scope";
import { latestRun, retryRun } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { AppError } from "@/lib/errors";
import { markAdditionRetrying } from "./product-additions";

/**
 * Support's repair tools for the provider's Client VPN environments (Support → Client VPN): a
 * failed environment run, or a failed product addition, continues from its failed step. Anything
 * not failed is refused before a row is written.
 */

const notFound = () => new AppError("not_found", "There is no such Client VPN environment.");

export interface RetriedRun {
  runId: string;
  direction: "provision" | "deprovision";
  step: string | null;
}

/** Continues the environment's failed provisioning or removal run from its failed step, audited. */
export async function retryClientVpnEnvironment(db: Db, caller: Caller, environmentId: string): Promise<RetriedRun> {
  requireProviderStaff(caller);
  const [environment] = await db
    .select({ id: clientVpnEnvironments.id, region: clientVpnEnvironments.region })
    .from(clientVpnEnvironments)
    .where(and(eq(clientVpnEnvironments.id, environmentId), ne(clientVpnEnvironments.status, "removed")));
  if (!environment) throw notFound();
  const notFailed = () => new AppError("conflict", "Only a failed environment run can be retried; this environment's latest run has not failed.");
  const run = await latestRun(db, environmentId);
  if (!run || run.status !== "failed") throw notFailed();
  await db.transaction(async (tx) => {
    await recordAudit(tx, caller, {
      action: "client_vpn.environment.retry",
      tenantId: null,
      targetType: "client_vpn_environment",
      targetId: environmentId,
      detail: { region: environment.region, direction: run.direction, step: run.errorStep, previousError: run.errorCode },
    });
    // The run row is locked and checked again here: a retry that lost a race writes nothing.
    if (!(await retryRun(tx, run.id))) throw notFailed();
  });
  wakeLocalWorkers();
  return { runId: run.id, direction: run.direction, step: run.errorStep };
}

/** Continues a failed product addition's run from its failed step; the addition is "adding" again. */
export async function retryProductAddition(db: Db, caller: Caller, additionId: string): Promise<RetriedRun> {
  requireProviderStaff(caller);
  const [addition] = await db
    .select({
      status: clientVpnProductAdditions.status,
      environmentId: clientVpnProductAdditions.environmentId,
      productRegionId: clientVpnProductAdditions.productRegionId,
      environmentStatus: clientVpnEnvironments.status,
    })
    .from(clientVpnProductAdditions)
    .innerJoin(clientVpnEnvironments, eq(clientVpnEnvironments.id, clientVpnProductAdditions.environmentId))
    .where(eq(clientVpnProductAdditions.id, additionId));
  if (!addition) throw new AppError("not_found", "There is no such product addition.");
  const notFailed = () => new AppError("conflict", "Only a failed product addition can be retried.");
  if (addition.status !== "failed") throw notFailed();
  // Its run refuses to build into an environment on its way out, so retrying there would only fail again.
  if (addition.environmentStatus !== "available") throw new AppError("conflict", "The environment is no longer available; there is nothing to add the product to.");
  const run = await latestRun(db, additionId);
  if (!run || run.status !== "failed") throw notFailed();
  await db.transaction(async (tx) => {
    if (!(await markAdditionRetrying(tx, additionId))) throw notFailed();
    await recordAudit(tx, caller, {
      action: "client_vpn.environment.product_retry",
      tenantId: null,
      targetType: "client_vpn_environment",
      targetId: addition.environmentId,
      detail: { productRegionId: addition.productRegionId, additionId, step: run.errorStep, previousError: run.errorCode },
    });
    if (!(await retryRun(tx, run.id))) throw notFailed();
  });
  wakeLocalWorkers();
  return { runId: run.id, direction: run.direction, step: run.errorStep };
}
