import { z } from "zod";
import { productRegions, products } from "@/db/schema";

/**
 * A product region as a landing network's provisioning run carries it in its stored input: the
 * endpoint service an interface endpoint reaches, its private name and ports. Runs read nothing
 * else from the catalog, so a product edited mid-run cannot change a half-built network.
 */
export const planProduct = z.object({
  productRegionId: z.string(),
  productName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  privateDnsName: z.string().nullable(),
  ports: z.array(z.number().int()),
});
export type PlanProduct = z.output<typeof planProduct>;

/**
 * The catalog columns behind a PlanProduct, with the zone IDs its service runs in (which decide the
 * landing subnets): select them from productRegions joined to products.
 */
export const planProductColumns = {
  productRegionId: productRegions.id,
  productName: products.name,
  serviceId: productRegions.serviceId,
  serviceName: productRegions.serviceName,
  privateDnsName: productRegions.privateDnsName,
  ports: productRegions.ports,
  zoneIds: productRegions.zoneIds,
};
