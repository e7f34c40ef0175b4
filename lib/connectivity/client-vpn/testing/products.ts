import type { Db } from "@/db/client";
import { listServiceConfigurations } from "@/lib/aws/endpoint-services";
import { registerProductRegion } from "@/lib/dal/products";

/**
 * Registers one product the sandbox bootstrapped (by its onramp:product tag) in a region, as a
 * provider admin does under Support → Products, so a test can build an environment before the
 * catalog offers the region's other products. Returns the product region's id.
 */
export async function registerSandboxProduct(db: Db, slug: string, region: string): Promise<string> {
  const config = (await listServiceConfigurations(region)).find((candidate) => candidate.tags["onramp:product"] === slug);
  if (!config) throw new Error(`The sandbox runs no ${slug} in ${region}.`);
  const productName = config.tags["onramp:product-name"] ?? slug;
  const { productRegionId } = await registerProductRegion(db, null, { productSlug: slug, productName, region, serviceId: config.serviceId });
  return productRegionId;
}
