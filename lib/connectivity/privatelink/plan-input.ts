import { z } from "zod";

/**
 * What the PrivateLink plan works from, stored with its run: the endpoint service and the account
 * to serve, copied from the catalog when the request was made so a run never depends on a later
 * change to the product's registration.
 */
export const privateLinkPlanInput = z.object({
  productRegionId: z.string(),
  region: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  awsAccountId: z.string().regex(/^\d{12}$/),
});
export type PrivateLinkPlanInput = z.output<typeof privateLinkPlanInput>;

/** The run's input for a connection to a service of the catalog. */
export function planInputFor(
  connection: { productRegionId: string; awsAccountId: string },
  service: { region: string; serviceId: string; serviceName: string },
): PrivateLinkPlanInput {
  return {
    productRegionId: connection.productRegionId,
    region: service.region,
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    awsAccountId: connection.awsAccountId,
  };
}
