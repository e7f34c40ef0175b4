import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnEnvironments, connections, type ClientVpnEnvironmentStatus } from "@/db/schema";
import { latestRunId, latestRunView, succeededStepOutputs, type RunView } from "@/lib/engine/runs";
import { loadAuthority } from "./authorities";
import type { DeviceEndpoint, EndpointRef } from "./devices/endpoint";
import { clientVpnOutputs } from "./plan";

/**
 * The Client VPN environment a tenant's connection is placed on (placement.ts) as the connection
 * sees it: whether it is there and ready, the run building it, and what that run made (the
 * endpoint, the interface endpoints).
 */

export interface RegionEnvironment {
  id: string;
  region: string;
  status: ClientVpnEnvironmentStatus;
}

const environmentColumns = { id: clientVpnEnvironments.id, region: clientVpnEnvironments.region, status: clientVpnEnvironments.status };

/** The environment the connection is placed on, unless it is removed; null before placement. */
export async function placedEnvironment(db: DbOrTx, connectionId: string): Promise<RegionEnvironment | null> {
  const [row] = await db
    .select(environmentColumns)
    .from(connections)
    .innerJoin(clientVpnEnvironments, eq(clientVpnEnvironments.id, connections.clientVpnEnvironmentId))
    .where(and(eq(connections.id, connectionId), ne(clientVpnEnvironments.status, "removed")));
  return row ?? null;
}

/** The environment's latest run (provisioning or removal), with its steps. */
export async function environmentRun(db: DbOrTx, environmentId: string): Promise<RunView | null> {
  return latestRunView(db, environmentId);
}

export interface EnvironmentOutputs {
  endpoint: { clientVpnEndpointId: string; dnsName: string } | null;
  clientCidr: string | null;
  productEndpoints: Array<{ productRegionId: string; vpcEndpointId: string; dnsNames: string[] }>;
  /** Null for environments built before connection logging: their endpoints log nothing. */
  connectionLog: { logGroupName: string; logStreamName: string } | null;
}

/** What the environment's provisioning made so far, parsed from its finished steps. */
export async function environmentOutputs(db: DbOrTx, environmentId: string): Promise<EnvironmentOutputs> {
  const outputOf = await succeededStepOutputs(db, await latestRunId(db, environmentId, "provision"));
  const endpoint = clientVpnOutputs.endpoint.safeParse(outputOf("endpoint"));
  const addresses = clientVpnOutputs.addresses.safeParse(outputOf("addresses"));
  const products = clientVpnOutputs.productEndpoints.safeParse(outputOf("productEndpoints"));
  const connectionLog = clientVpnOutputs.connectionLog.safeParse(outputOf("connectionLog"));
  return {
    endpoint: endpoint.success ? endpoint.data : null,
    clientCidr: addresses.success ? addresses.data.clientCidr : null,
    productEndpoints: products.success ? products.data.endpoints : [],
    connectionLog: connectionLog.success ? connectionLog.data : null,
  };
}

export interface EnvironmentNetwork {
  vpcId: string;
  subnets: Array<{ subnetId: string; zoneId: string; cidr: string }>;
  productsGroupId: string;
}

/** The landing VPC, subnets and products security group its provisioning made; null until all three are. */
export async function environmentNetwork(db: DbOrTx, environmentId: string): Promise<EnvironmentNetwork | null> {
  const outputOf = await succeededStepOutputs(db, await latestRunId(db, environmentId, "provision"));
  const vpc = clientVpnOutputs.vpc.safeParse(outputOf("vpc"));
  const subnets = clientVpnOutputs.subnets.safeParse(outputOf("subnets"));
  const groups = clientVpnOutputs.securityGroups.safeParse(outputOf("securityGroups"));
  if (!vpc.success || !subnets.success || !groups.success) return null;
  return { vpcId: vpc.data.vpcId, subnets: subnets.data.subnets, productsGroupId: groups.data.productsGroupId };
}

async function deviceEndpointOf(db: DbOrTx, environment: RegionEnvironment): Promise<DeviceEndpoint | null> {
  const { endpoint } = await environmentOutputs(db, environment.id);
  const clientCa = await loadAuthority(db, environment.id, "client");
  if (!endpoint || !clientCa) return null;
  return { region: environment.region, clientVpnEndpointId: endpoint.clientVpnEndpointId, clientCa };
}

/** The endpoint, with its client CA, of the available environment the connection is placed on, for issuing and revoking; null when not ready. */
export async function connectionDeviceEndpoint(db: DbOrTx, connectionId: string): Promise<DeviceEndpoint | null> {
  const environment = await placedEnvironment(db, connectionId);
  if (!environment || environment.status !== "available") return null;
  return deviceEndpointOf(db, environment);
}

/**
 * For the revocation worker: the endpoint with its client CA while it belongs to an environment of
 * the region's pool that is not removed (while it is being removed too, so revocations land until
 * the end); null for an endpoint that is gone.
 */
export async function resolveDeviceEndpoint(db: DbOrTx, ref: EndpointRef): Promise<DeviceEndpoint | null> {
  const environments = await db
    .select(environmentColumns)
    .from(clientVpnEnvironments)
    .where(and(eq(clientVpnEnvironments.region, ref.region), ne(clientVpnEnvironments.status, "removed")));
  for (const environment of environments) {
    const endpoint = await deviceEndpointOf(db, environment);
    if (endpoint?.clientVpnEndpointId === ref.clientVpnEndpointId) return endpoint;
  }
  return null;
}
