import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionEvents, planSteps } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { awsErrorCode, isAwsError, safeAwsMessage } from "@/lib/aws/errors";
import { simulateVpnDevice } from "@/lib/aws/sandbox-link";
import { findSiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { latestRunId } from "@/lib/engine/runs";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { siteToSiteOutputs } from "./plan";
import { forgetTunnelTelemetry } from "./status-view";

export type SimulatedTunnelStatus = "UP" | "DOWN";

/** The VPN connection the latest provisioning run made, once its step has finished. */
async function provisionedVpnConnectionId(db: Db, connectionId: string): Promise<string | null> {
  const runId = await latestRunId(db, connectionId, "provision");
  if (!runId) return null;
  const [step] = await db
    .select({ outputs: planSteps.outputs })
    .from(planSteps)
    .where(and(eq(planSteps.runId, runId), eq(planSteps.name, "vpnConnection"), eq(planSteps.status, "succeeded")));
  const parsed = siteToSiteOutputs.vpnConnection.safeParse(step?.outputs);
  return parsed.success ? parsed.data.vpnConnectionId : null;
}

/**
 * Sandbox only: acts as the customer's VPN device, bringing both tunnels up (as a configured device
 * would once it negotiates IKE and IPsec) or taking them down. The tunnels' state then shows in the
 * VPN's telemetry like any real device's. With real AWS this does not exist: "not found".
 */
export async function simulateSiteToSiteTunnels(
  db: Db,
  caller: Caller,
  connectionId: string,
  status: SimulatedTunnelStatus,
): Promise<{ vpnConnectionId: string; status: SimulatedTunnelStatus }> {
  if (!isSandbox) throw new AppError("not_found", "Not found.");
  const connection = await findSiteToSiteConnection(db, caller, connectionId);
  if (connection.status === "removed") throw new AppError("conflict", "This connection was removed.");
  if (connection.status === "removing") throw new AppError("conflict", "This connection is being removed; its tunnels are going away.");
  const vpnConnectionId = await provisionedVpnConnectionId(db, connectionId);
  if (!vpnConnectionId) throw new AppError("conflict", "The VPN connection does not exist yet: your device can connect once AWS has created it.");
  try {
    simulateVpnDevice(vpnConnectionId, status);
    forgetTunnelTelemetry(vpnConnectionId);
  } catch (error) {
    if (!isAwsError(error)) throw error;
    if (awsErrorCode(error) === "IncorrectState") throw new AppError("conflict", "The VPN connection is not available yet: tunnels come up once it is.");
    throw new AppError("cloud_error", safeAwsMessage(error));
  }
  await db.transaction(async (tx) => {
    await tx.insert(connectionEvents).values({
      connectionId,
      kind: "simulated_tunnels",
      message: `Sandbox: the simulated device ${status === "UP" ? "brought both tunnels up" : "took both tunnels down"} on ${vpnConnectionId}.`,
      actorUserId: caller.userId,
    });
    await recordAudit(tx, caller, {
      action: "connection.simulate_tunnels",
      tenantId: connection.tenantId,
      targetType: "connection",
      targetId: connectionId,
      detail: { vpnConnectionId, status },
    });
  });
  return { vpnConnectionId, status };
}
