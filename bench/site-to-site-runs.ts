import { GetVpnConnectionDeviceTypesCommand } from "@aws-sdk/client-ec2";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { planRuns, planSteps, productRegions, products } from "@/db/schema";
import { providerEc2 } from "@/lib/aws/clients";
import { siteToSiteInput, type SiteToSiteInput } from "@/lib/connectivity/site-to-site/input";
import { siteToSitePlan } from "@/lib/connectivity/site-to-site/plan";
import type { SandboxCloud } from "@/lib/sandbox/cloud";
import { criticalPathMs, sequentialMs, type TimedStep } from "./critical-path";

/** What the Site-to-Site benches share: the catalog they order from, their requests, a run's figures. */

export const REGION = "us-east-1";

/** Quotas a provider onboarding hundreds of sites has AWS raise (AWS's defaults: 5 VPCs, 4 resolver endpoints). */
const RAISED_QUOTA = 1_000;

export function raiseProviderQuotas(cloud: SandboxCloud): void {
  cloud.setQuota(cloud.providerAccountId, REGION, "vpcs", RAISED_QUOTA);
  cloud.setQuota(cloud.providerAccountId, REGION, "resolverEndpoints", RAISED_QUOTA);
}

export interface Catalog {
  analytics: string;
  ledger: string;
  deviceTypeId: string;
}

async function productRegionId(db: Db, slug: string): Promise<string> {
  const [row] = await db
    .select({ id: productRegions.id })
    .from(productRegions)
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(and(eq(products.slug, slug), eq(productRegions.region, REGION)));
  if (!row) throw new Error(`The sandbox registered no ${slug} in ${REGION}.`);
  return row.id;
}

/** The sandbox's products in the bench's region (registered by the caller) and AWS's generic device type. */
export async function loadCatalog(db: Db): Promise<Catalog> {
  const types = await providerEc2(REGION).send(new GetVpnConnectionDeviceTypesCommand({}));
  const deviceTypeId = types.VpnConnectionDeviceTypes?.find((type) => type.Vendor === "Generic")?.VpnConnectionDeviceTypeId;
  if (!deviceTypeId) throw new Error("The sandbox lists no generic VPN device type.");
  return { analytics: await productRegionId(db, "analytics"), ledger: await productRegionId(db, "ledger"), deviceTypeId };
}

/**
 * Site number `n`'s request: a device address and on-premises network of its own, BGP with an ASN
 * of its own unless `overrides` say otherwise.
 */
export function siteRequest(catalog: Catalog, n: number, overrides: Partial<SiteToSiteInput> = {}): SiteToSiteInput {
  return siteToSiteInput.parse({
    siteName: `Bench site ${n}`,
    location: "on_premises",
    deviceIp: `34.201.${Math.floor(n / 250)}.${(n % 250) + 1}`,
    routing: { type: "bgp", asn: 65_001 + (n % 1_000) },
    onPremCidrs: [`172.16.${n % 256}.0/24`],
    deviceTypeId: catalog.deviceTypeId,
    accelerated: false,
    productRegionIds: [catalog.analytics],
    ...overrides,
  });
}

export interface RunFigures {
  status: string;
  errorStep: string | null;
  errorCode: string | null;
  /** Request (the run's creation) to the connection's activation (the run's end). */
  requestToDoneMs: number;
  criticalPathMs: number;
  sequentialMs: number;
  /** Attempts after an error (the engine's retries, not its rechecks of AWS's progress). */
  stepRetries: number;
}

/** Finished runs' figures, from the timings the engine keeps in plan_runs and plan_steps, and the plan's graph. */
export async function runFigures(db: Db, runIds: readonly string[]): Promise<RunFigures[]> {
  const runs = await db.select().from(planRuns).where(inArray(planRuns.id, [...runIds]));
  const steps = await db.select().from(planSteps).where(inArray(planSteps.runId, [...runIds]));
  return runs.map((run) => {
    const own = steps.filter((step) => step.runId === run.id);
    const timed: TimedStep[] = own.map((step) => ({
      name: step.name,
      dependsOn: siteToSitePlan.steps.get(step.name)?.dependsOn ?? [],
      durationMs: step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : 0,
    }));
    return {
      status: run.status,
      errorStep: run.errorStep,
      errorCode: run.errorCode,
      requestToDoneMs: (run.finishedAt?.getTime() ?? Number.NaN) - run.createdAt.getTime(),
      criticalPathMs: criticalPathMs(timed),
      sequentialMs: sequentialMs(timed),
      stepRetries: own.reduce((sum, step) => sum + Math.max(0, step.attempts - 1 - step.waits), 0),
    };
  });
}
