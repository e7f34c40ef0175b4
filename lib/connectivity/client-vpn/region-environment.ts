import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnEnvironments, planSteps, type ClientVpnEnvironmentStatus } from "@/db/schema";
import { latestRunId, loadRunView, type RunView } from "@/lib/engine/runs";
import { loadAuthority } from "./authorities";
import type { DeviceEndpoint, EndpointRef } from "./devices/endpoint";
import { clientVpnOutputs } from "./plan";

/**
 * A region's shared Client VPN environment as tenants' connections see it: whether it is there and
 * ready, the run building it, and what that run made (the endpoint, the interface endpoints).
 */

export interface RegionEnvironment {
  id: string;
  region: string;
  status: ClientVpnEnvironmentStatus;
}

/** The region's environment that is not removed (at most one, by a unique index), or null. */
export async function liveEnvironment(db: DbOrTx, region: string): Promise<RegionEnvironment | null> {
  const [row] = await db
    .select({ id: clientVpnEnvironments.id, region: clientVpnEnvironments.region, status: clientVpnEnvironments.status })
    .from(clientVpnEnvironments)
    .where(and(eq(clientVpnEnvironments.region, region), ne(clientVpnEnvironments.status, "removed")));
  return row ?? null;
}

/** The environment's latest run (provisioning or removal), with its steps. */
export async function environmentRun(db: DbOrTx, environmentId: string): Promise<RunView | null> {
  const runId = await latestRunId(db, environmentId);
  return runId ? loadRunView(db, runId) : null;
}

export interface EnvironmentOutputs {
  endpoint: { clientVpnEndpointId: string; dnsName: string } | null;
  clientCidr: string | null;
  productEndpoints: Array<{ productRegionId: string; vpcEndpointId: string; dnsNames: string[] }>;
}

/** What the environment's provisioning made so far, parsed from its finished steps. */
export async function environmentOutputs(db: DbOrTx, environmentId: string): Promise<EnvironmentOutputs> {
  const runId = await latestRunId(db, environmentId, "provision");
  const finished = runId
    ? await db
        .select({ name: planSteps.name, outputs: planSteps.outputs })
        .from(planSteps)
        .where(and(eq(planSteps.runId, runId), eq(planSteps.status, "succeeded")))
    : [];
  const outputOf = (name: string) => finished.find((step) => step.name === name)?.outputs;
  const endpoint = clientVpnOutputs.endpoint.safeParse(outputOf("endpoint"));
  const addresses = clientVpnOutputs.addresses.safeParse(outputOf("addresses"));
  const products = clientVpnOutputs.productEndpoints.safeParse(outputOf("productEndpoints"));
  return {
    endpoint: endpoint.success ? endpoint.data : null,
    clientCidr: addresses.success ? addresses.data.clientCidr : null,
    productEndpoints: products.success ? products.data.endpoints : [],
  };
}

/** The endpoint of the region's available environment with its client CA, for issuing and revoking; null when not ready. */
export async function regionDeviceEndpoint(db: DbOrTx, region: string): Promise<DeviceEndpoint | null> {
  const environment = await liveEnvironment(db, region);
  if (!environment || environment.status !== "available") return null;
  const { endpoint } = await environmentOutputs(db, environment.id);
  const clientCa = await loadAuthority(db, environment.id, "client");
  if (!endpoint || !clientCa) return null;
  return { region, clientVpnEndpointId: endpoint.clientVpnEndpointId, clientCa };
}

/**
 * For the revocation worker: the endpoint with its client CA when it is still the region's live
 * environment's endpoint (while that environment is being removed too, so revocations land until
 * the end); null for an endpoint that is gone.
 */
export async function resolveDeviceEndpoint(db: DbOrTx, ref: EndpointRef): Promise<DeviceEndpoint | null> {
  const environment = await liveEnvironment(db, ref.region);
  if (!environment) return null;
  const { endpoint } = await environmentOutputs(db, environment.id);
  if (endpoint?.clientVpnEndpointId !== ref.clientVpnEndpointId) return null;
  const clientCa = await loadAuthority(db, environment.id, "client");
  return clientCa ? { ...ref, clientCa } : null;
}
