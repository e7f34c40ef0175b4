import { AuthorizeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { z } from "zod";
import type { Db } from "@/db/client";
import { AwsResponseError } from "@/lib/aws/errors";
import { ensureInterfaceEndpoints, interfaceEndpointsOutput } from "@/lib/connectivity/landing-network/interface-endpoints";
import { tcpRules } from "@/lib/connectivity/landing-network/security-groups";
import { stepStarted, tolerating, type LandingDeps } from "@/lib/connectivity/landing-network/step-env";
import { planProduct } from "@/lib/connectivity/landing-network/plan-product";
import { tagFilters } from "@/lib/engine/adopt";
import { definePlan } from "@/lib/engine/plan";
import { environmentAvailable, markAdditionAvailable, markAdditionFailed, markAdditionRemoved } from "./product-additions";
import { removeEndpointsWhere } from "./product-endpoints";
import { named } from "./step-env";

/**
 * One product added to an available Client VPN environment after it was built (the environment's
 * own run reaches only the products offered when it started): an interface endpoint in the
 * environment's landing VPC, behind its products security group, with private DNS where the
 * product has a private name, so devices already connected resolve and reach it. Its run target
 * is the client_vpn_product_additions row; missing-products.ts starts it.
 *
 *   endpoint ─> activate
 */
export const productAdditionInput = z.object({
  region: z.string().min(1),
  environmentId: z.string(),
  product: planProduct,
  vpcId: z.string(),
  /** The environment's subnets in zones the product's endpoint service runs in (at least one). */
  subnetIds: z.array(z.string()).min(1),
  /** Every subnet of the environment: devices' traffic arrives from its associations in both. */
  sourceCidrs: z.array(z.string()).min(1),
  productsGroupId: z.string(),
});
export type ProductAdditionInput = z.output<typeof productAdditionInput>;

export const productAdditionOutputs = {
  endpoint: interfaceEndpointsOutput,
  activate: z.object({}),
};

export const CLIENT_VPN_PRODUCT_ADDITION_PLAN = "client-vpn-product-addition";

export interface ProductAdditionDeps extends LandingDeps {
  db(): Db;
}

export function createProductAdditionPlan(deps: ProductAdditionDeps) {
  const started = stepStarted(deps);
  return definePlan({
    name: CLIENT_VPN_PRODUCT_ADDITION_PLAN,
    input: productAdditionInput,
    outputs: productAdditionOutputs,
    steps: {
      endpoint: {
        dependsOn: [],
        async run(ctx) {
          await started(ctx);
          const { input } = ctx;
          // Checked on every attempt and recheck: the environment's removal waits for this run, so it must end.
          if (!(await environmentAvailable(deps.db(), input.environmentId))) {
            throw new AwsResponseError("IncorrectState", `The Client VPN environment in ${input.region} is no longer available.`);
          }
          const ec2 = deps.ec2(input.region);
          // One rule per call: AWS refuses a whole call when one of its rules exists, and the group
          // already admits the ports of the products the environment was built with.
          for (const port of input.product.ports) {
            for (const cidr of input.sourceCidrs) {
              await tolerating(["InvalidPermission.Duplicate"], () =>
                ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: input.productsGroupId, IpPermissions: tcpRules([port], [cidr]) })),
              );
            }
          }
          return ensureInterfaceEndpoints(deps, ctx, {
            vpcId: input.vpcId,
            subnetIds: input.subnetIds,
            securityGroupId: input.productsGroupId,
            products: [input.product],
            creationTags: (tags, what) => named(tags, ctx, what),
          });
        },
        // The ports stay open: another product may share them, and the group goes with the environment.
        async undo(ctx) {
          const removed = await removeEndpointsWhere(deps.ec2(ctx.input.region), tagFilters(ctx.tags));
          if ("done" in removed) await markAdditionRemoved(deps.db(), ctx.connectionId);
          return removed;
        },
      },
      activate: {
        dependsOn: ["endpoint"],
        async run(ctx) {
          await started(ctx);
          const [endpoint] = ctx.output("endpoint").endpoints;
          if (!endpoint) throw new Error(`Run ${ctx.runId} made no interface endpoint.`);
          await markAdditionAvailable(deps.db(), ctx.connectionId, ctx.input.region, endpoint);
          return { done: {} };
        },
      },
    },
    onRunFailed: markAdditionFailed,
  });
}
