import "server-only";
import { and, asc, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  clientVpnDevices,
  clientVpnEndpointOperationSlots,
  clientVpnEnvironments,
  clientVpnProductAdditions,
  clientVpnRevocationLists,
  connections,
  planRuns,
  planSteps,
  productRegions,
  products,
  tenants,
  type ClientVpnEnvironmentStatus,
  type ClientVpnProductAdditionStatus,
  type PlanRunStatus,
} from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { requireProviderStaff } from "@/lib/auth/tenant-scope";
import { nextImportAt, pendingSince } from "./devices/revocation-queue";
import { ENDPOINT_OPERATION_SLOTS } from "./endpoint-operations";
import { SHARED_ENVIRONMENT_CAPACITY } from "./placement";
import { clientVpnOutputs } from "./plan";
import { clientVpnPlanInput } from "./plan-input";

/**
 * Support's view of the provider's own Client VPN environments (Support → Client VPN): per
 * environment its state and last failure, what its provisioning made, how full it is, its
 * revocation batch, its products and the tenants placed on it. Read from the database alone, in a
 * fixed number of queries whatever the number of environments.
 */

export interface RunFailure {
  step: string | null;
  code: string | null;
  message: string | null;
  failedAt: Date | null;
}

export interface EnvironmentRunSummary {
  id: string;
  direction: "provision" | "deprovision";
  status: PlanRunStatus;
  /** Set when the run failed: support retries it from that step. */
  failure: RunFailure | null;
}

export interface ProductAdditionSummary {
  id: string;
  productRegionId: string;
  productName: string;
  status: Exclude<ClientVpnProductAdditionStatus, "removed">;
  /** Why an unreachable or failed addition gives devices no way to the product. */
  reason: string | null;
}

export interface PlacedTenant {
  id: string;
  name: string;
  /** Its active devices in the environment's region. */
  devices: number;
}

export interface Usage {
  used: number;
  limit: number;
}

export interface EnvironmentOverview {
  id: string;
  region: string;
  status: ClientVpnEnvironmentStatus;
  createdAt: Date;
  availableAt: Date | null;
  removedAt: Date | null;
  /** The enterprise tenant whose endpoint of its own it is; null for a shared environment. */
  dedicatedTenant: { id: string; name: string } | null;
  /** Its latest run, provisioning or removal. */
  run: EnvironmentRunSummary | null;
  endpoint: { clientVpnEndpointId: string; dnsName: string } | null;
  clientCidr: string | null;
  vpcId: string | null;
  capacity: { tenants: Usage; devices: Usage; operationSlots: Usage };
  revocations: { pendingSince: Date | null; nextImportAt: Date | null; lastImportedAt: Date | null; lastError: string | null } | null;
  /** The products its provisioning reached, in the order the run carries them. */
  builtWith: Array<{ productRegionId: string; productName: string }>;
  additions: ProductAdditionSummary[];
  tenants: PlacedTenant[];
}

/** The steps whose outputs the overview shows. */
const SHOWN_STEPS = ["addresses", "vpc", "endpoint"];

type RunRow = typeof planRuns.$inferSelect;

function summarize(run: RunRow): EnvironmentRunSummary {
  return {
    id: run.id,
    direction: run.direction,
    status: run.status,
    failure: run.status === "failed" ? { step: run.errorStep, code: run.errorCode, message: run.errorMessage, failedAt: run.finishedAt } : null,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** What the environment's provisioning run made, from its succeeded steps, and the products it carried. */
function provisioned(run: RunRow | undefined, steps: ReadonlyArray<{ name: string; outputs: unknown }>) {
  const outputOf = (name: string) => steps.find((step) => step.name === name)?.outputs;
  const endpoint = clientVpnOutputs.endpoint.safeParse(outputOf("endpoint"));
  const addresses = clientVpnOutputs.addresses.safeParse(outputOf("addresses"));
  const vpc = clientVpnOutputs.vpc.safeParse(outputOf("vpc"));
  const input = clientVpnPlanInput.safeParse(run?.input);
  return {
    endpoint: endpoint.success ? endpoint.data : null,
    clientCidr: addresses.success ? addresses.data.clientCidr : null,
    vpcId: vpc.success ? vpc.data.vpcId : null,
    builtWith: input.success ? input.data.products.map(({ productRegionId, productName }) => ({ productRegionId, productName })) : [],
  };
}

/**
 * Every Client VPN environment, by region and age, removed ones only when asked. Provider staff
 * only: environments belong to the provider and list every tenant placed on them.
 */
export async function clientVpnEnvironmentOverview(db: DbOrTx, caller: Caller, options: { includeRemoved?: boolean } = {}): Promise<EnvironmentOverview[]> {
  requireProviderStaff(caller);
  const environments = await db
    .select({ environment: clientVpnEnvironments, dedicatedTenantName: tenants.name })
    .from(clientVpnEnvironments)
    .leftJoin(tenants, eq(tenants.id, clientVpnEnvironments.dedicatedTenantId))
    .where(options.includeRemoved ? undefined : ne(clientVpnEnvironments.status, "removed"))
    .orderBy(asc(clientVpnEnvironments.region), asc(clientVpnEnvironments.createdAt));
  if (environments.length === 0) return [];
  const ids = environments.map((row) => row.environment.id);

  // An environment has a provisioning run and at most one removal: reading them all is cheap.
  const runs = await db.select().from(planRuns).where(inArray(planRuns.connectionId, ids)).orderBy(desc(planRuns.createdAt));
  const runsByEnvironment = groupBy(runs, (run) => run.connectionId);
  const provisionRuns = new Map<string, RunRow>();
  for (const [environmentId, list] of runsByEnvironment) {
    const provision = list.find((run) => run.direction === "provision");
    if (provision) provisionRuns.set(environmentId, provision);
  }
  const provisionRunIds = [...provisionRuns.values()].map((run) => run.id);

  const [steps, placed, additions] = await Promise.all([
    provisionRunIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ runId: planSteps.runId, name: planSteps.name, outputs: planSteps.outputs })
          .from(planSteps)
          .where(and(inArray(planSteps.runId, provisionRunIds), inArray(planSteps.name, SHOWN_STEPS), eq(planSteps.status, "succeeded"))),
    db
      .select({
        environmentId: clientVpnEnvironments.id,
        tenantId: tenants.id,
        tenantName: tenants.name,
        devices: sql<number>`count(${clientVpnDevices.id})::int`,
      })
      .from(connections)
      .innerJoin(clientVpnEnvironments, eq(clientVpnEnvironments.id, connections.clientVpnEnvironmentId))
      .innerJoin(tenants, eq(tenants.id, connections.tenantId))
      .leftJoin(
        clientVpnDevices,
        and(eq(clientVpnDevices.tenantId, connections.tenantId), eq(clientVpnDevices.region, clientVpnEnvironments.region), eq(clientVpnDevices.status, "active")),
      )
      .where(and(inArray(connections.clientVpnEnvironmentId, ids), ne(connections.status, "removed")))
      .groupBy(clientVpnEnvironments.id, tenants.id, tenants.name)
      .orderBy(asc(tenants.name)),
    db
      .select({
        id: clientVpnProductAdditions.id,
        environmentId: clientVpnProductAdditions.environmentId,
        productRegionId: clientVpnProductAdditions.productRegionId,
        productName: products.name,
        status: clientVpnProductAdditions.status,
        reason: clientVpnProductAdditions.reason,
      })
      .from(clientVpnProductAdditions)
      .innerJoin(productRegions, eq(productRegions.id, clientVpnProductAdditions.productRegionId))
      .innerJoin(products, eq(products.id, productRegions.productId))
      .where(and(inArray(clientVpnProductAdditions.environmentId, ids), ne(clientVpnProductAdditions.status, "removed")))
      .orderBy(asc(clientVpnProductAdditions.createdAt)),
  ]);
  const stepsByRun = groupBy(steps, (step) => step.runId);
  const made = new Map(ids.map((id) => [id, provisioned(provisionRuns.get(id), stepsByRun.get(provisionRuns.get(id)?.id ?? "") ?? [])]));

  const endpointIds = [...made.values()].flatMap((outputs) => (outputs.endpoint ? [outputs.endpoint.clientVpnEndpointId] : []));
  const [slots, revocationLists] =
    endpointIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ clientVpnEndpointId: clientVpnEndpointOperationSlots.clientVpnEndpointId, inUse: sql<number>`count(*)::int` })
            .from(clientVpnEndpointOperationSlots)
            // A slot whose lease ran out is free (endpoint-operations.ts).
            .where(and(inArray(clientVpnEndpointOperationSlots.clientVpnEndpointId, endpointIds), gt(clientVpnEndpointOperationSlots.leaseExpiresAt, sql`now()`)))
            .groupBy(clientVpnEndpointOperationSlots.clientVpnEndpointId),
          db.select().from(clientVpnRevocationLists).where(inArray(clientVpnRevocationLists.clientVpnEndpointId, endpointIds)),
        ]);
  const slotsInUse = new Map(slots.map((row) => [row.clientVpnEndpointId, row.inUse]));
  const placedBy = groupBy(placed, (row) => row.environmentId);
  const additionsBy = groupBy(additions, (row) => row.environmentId);

  return environments.map(({ environment, dedicatedTenantName }) => {
    const outputs = made.get(environment.id) ?? provisioned(undefined, []);
    const endpointId = outputs.endpoint?.clientVpnEndpointId ?? null;
    const list = endpointId ? revocationLists.find((row) => row.region === environment.region && row.clientVpnEndpointId === endpointId) : undefined;
    const placedTenants = (placedBy.get(environment.id) ?? []).map((row) => ({ id: row.tenantId, name: row.tenantName, devices: row.devices }));
    const latest = runsByEnvironment.get(environment.id)?.[0];
    return {
      id: environment.id,
      region: environment.region,
      status: environment.status,
      createdAt: environment.createdAt,
      availableAt: environment.availableAt,
      removedAt: environment.removedAt,
      dedicatedTenant: environment.dedicatedTenantId && dedicatedTenantName ? { id: environment.dedicatedTenantId, name: dedicatedTenantName } : null,
      run: latest ? summarize(latest) : null,
      endpoint: outputs.endpoint,
      clientCidr: outputs.clientCidr,
      vpcId: outputs.vpcId,
      capacity: {
        tenants: { used: placedTenants.length, limit: SHARED_ENVIRONMENT_CAPACITY.tenants },
        devices: { used: placedTenants.reduce((sum, tenant) => sum + tenant.devices, 0), limit: SHARED_ENVIRONMENT_CAPACITY.devices },
        operationSlots: { used: endpointId ? (slotsInUse.get(endpointId) ?? 0) : 0, limit: ENDPOINT_OPERATION_SLOTS },
      },
      revocations: list ? { pendingSince: pendingSince(list), nextImportAt: nextImportAt(list), lastImportedAt: list.lastImportedAt, lastError: list.lastError } : null,
      builtWith: outputs.builtWith,
      // The query leaves removed additions out; this tells the type so.
      additions: (additionsBy.get(environment.id) ?? []).flatMap(({ environmentId: _environment, status, ...addition }) =>
        status === "removed" ? [] : [{ ...addition, status }],
      ),
      tenants: placedTenants,
    };
  });
}
