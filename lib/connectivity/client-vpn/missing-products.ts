import { and, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clientVpnEnvironments, clientVpnProductAdditions, planRuns, productRegions, products } from "@/db/schema";
import { planProductColumns, type PlanProduct } from "@/lib/connectivity/landing-network/plan-product";
import type { Plan } from "@/lib/engine/plan";
import { startProvision } from "@/lib/engine/runs";
import { wakeLocalWorkers } from "@/lib/engine/wake";
import { PROVIDER_TENANT_ID } from "./environments";
import type { ProductAdditionInput } from "./product-addition-plan";
import { environmentNetwork } from "./region-environment";

/**
 * Finds available Client VPN environments lacking a product the catalog now offers in their
 * region (neither built with it nor given it since) and starts adding it. Run by the maintenance
 * pass in every worker process, and right after a product region is registered. Each gap becomes
 * one client_vpn_product_additions row, inserted in the transaction that starts its run: when
 * several processes notice it at once, the unique key lets one insert and start, the others do
 * nothing.
 */

export interface MissingProductsPass {
  /** Additions whose runs were started. */
  started: number;
  /** Products recorded as unreachable: their service runs in neither of the environment's zones. */
  unreachable: number;
}

interface MissingProduct extends PlanProduct {
  environmentId: string;
  region: string;
  zoneIds: string[];
}

/** One query, cheap when nothing is missing: the gaps of every available environment (of one region). */
function findMissing(db: Db, region: string | null): Promise<MissingProduct[]> {
  const added = db
    .select({ id: clientVpnProductAdditions.id })
    .from(clientVpnProductAdditions)
    .where(and(eq(clientVpnProductAdditions.environmentId, clientVpnEnvironments.id), eq(clientVpnProductAdditions.productRegionId, productRegions.id)));
  // The environment's run input lists the products it was built with.
  const builtWith = db
    .select({ id: planRuns.id })
    .from(planRuns)
    .where(
      and(
        eq(planRuns.connectionId, clientVpnEnvironments.id),
        eq(planRuns.direction, "provision"),
        sql`${planRuns.input}->'products' @> jsonb_build_array(jsonb_build_object('productRegionId', ${productRegions.id}::text))`,
      ),
    );
  return db
    .select({
      environmentId: clientVpnEnvironments.id,
      region: clientVpnEnvironments.region,
      ...planProductColumns,
    })
    .from(clientVpnEnvironments)
    .innerJoin(productRegions, eq(productRegions.region, clientVpnEnvironments.region))
    .innerJoin(products, eq(products.id, productRegions.productId))
    .where(
      and(
        eq(clientVpnEnvironments.status, "available"),
        region === null ? undefined : eq(clientVpnEnvironments.region, region),
        notExists(added),
        notExists(builtWith),
      ),
    );
}

/** Records one gap and starts its run; "taken" when another process recorded it first. */
async function addProduct(db: Db, plan: Plan<ProductAdditionInput>, missing: MissingProduct): Promise<"started" | "unreachable" | "taken"> {
  return db.transaction(async (tx) => {
    const network = await environmentNetwork(tx, missing.environmentId);
    if (!network) throw new Error(`The available Client VPN environment ${missing.environmentId} has no network outputs.`);
    const subnetIds = network.subnets.filter((subnet) => missing.zoneIds.includes(subnet.zoneId)).map((subnet) => subnet.subnetId);
    const reachable = subnetIds.length > 0;
    const zones = network.subnets.map((subnet) => subnet.zoneId).join(" and ");
    const [row] = await tx
      .insert(clientVpnProductAdditions)
      .values({
        environmentId: missing.environmentId,
        productRegionId: missing.productRegionId,
        status: reachable ? "adding" : "unreachable",
        reason: reachable ? null : `${missing.productName}'s endpoint service runs in none of the environment's zones (${zones}).`,
        finishedAt: reachable ? null : new Date(),
      })
      .onConflictDoNothing({ target: [clientVpnProductAdditions.environmentId, clientVpnProductAdditions.productRegionId] })
      .returning({ id: clientVpnProductAdditions.id });
    if (!row) return "taken";
    if (!reachable) return "unreachable";
    const { environmentId, region, zoneIds: _zones, ...product } = missing;
    const input: ProductAdditionInput = {
      region,
      environmentId,
      product,
      vpcId: network.vpcId,
      subnetIds,
      sourceCidrs: network.subnets.map((subnet) => subnet.cidr),
      productsGroupId: network.productsGroupId,
    };
    await startProvision(tx, plan, { connectionId: row.id, tenantId: PROVIDER_TENANT_ID, input });
    return "started";
  });
}

/** Adds every missing product to the available environments (of one region, or all). */
export async function addMissingClientVpnProducts(db: Db, plan: Plan<ProductAdditionInput>, options: { region?: string } = {}): Promise<MissingProductsPass> {
  const pass: MissingProductsPass = { started: 0, unreachable: 0 };
  for (const missing of await findMissing(db, options.region ?? null)) {
    const outcome = await addProduct(db, plan, missing);
    if (outcome === "started") pass.started += 1;
    if (outcome === "unreachable") pass.unreachable += 1;
  }
  // startProvision woke the workers inside the transaction, before they could see the run.
  if (pass.started > 0) wakeLocalWorkers();
  return pass;
}

/**
 * For the register action: the region's environments start gaining the new product at once
 * instead of at the next maintenance pass, which also catches up should this fail (the product is
 * registered either way, so a failure here is only logged).
 */
export async function addRegisteredProductToClientVpn(db: Db, plan: Plan<ProductAdditionInput>, region: string): Promise<void> {
  try {
    await addMissingClientVpnProducts(db, plan, { region });
  } catch (error) {
    console.error(`[onramp] adding the new product to the Client VPN environments of ${region} failed; the maintenance pass will retry`, error);
  }
}
