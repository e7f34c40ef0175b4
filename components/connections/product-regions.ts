import type { ProductChoice } from "@/components/connections/connection-wizard";

/**
 * The regions where every chosen product is offered (one site lands in one region), the region in
 * effect (the only one, when there is just one), and the product-region ids the request names.
 */
export function resolveProductRegions(products: readonly ProductChoice[], productIds: readonly string[], region: string) {
  const chosen = products.filter((product) => productIds.includes(product.id));
  const [first, ...rest] = chosen;
  const regions = first
    ? first.regions.map((r) => r.region).filter((name) => rest.every((product) => product.regions.some((r) => r.region === name)))
    : [];
  const effective = regions.includes(region) ? region : regions.length === 1 ? (regions[0] ?? "") : "";
  const productRegionIds = effective ? chosen.flatMap((product) => product.regions.filter((r) => r.region === effective).map((r) => r.id)) : [];
  return { regions: regions.sort(), region: effective, productRegionIds };
}
