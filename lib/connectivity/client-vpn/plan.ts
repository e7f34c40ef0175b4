import { z } from "zod";
import { interfaceEndpointsOutput } from "@/lib/connectivity/landing-network/interface-endpoints";
import { stepStarted } from "@/lib/connectivity/landing-network/step-env";
import { definePlan } from "@/lib/engine/plan";
import { ensureCertificates, removeCertificates } from "./certificate-steps";
import { ensureConnectionLog, removeConnectionLog } from "./connection-log-steps";
import { ensureAssociations, ensureAuthorization, ensureEndpoint, removeAssociations, removeEndpoint } from "./endpoint-steps";
import { markEnvironmentAvailable, markEnvironmentRemoved } from "./environments";
import { allocateAddresses, ensureSecurityGroups, ensureSubnets, ensureVpc, removeSecurityGroups, removeSubnets, removeVpc } from "./network-steps";
import { clientVpnPlanInput } from "./plan-input";
import { ensureProductEndpoints, removeProductEndpoints } from "./product-endpoints";
import type { ClientVpnDeps } from "./step-env";

/**
 * A region's shared Client VPN environment as a step graph. Everything hangs off the address
 * blocks, so a removal always ends with that step's undo, which returns them and destroys the CA
 * keys.
 *
 *   addresses ─┬─> vpc ─> subnets ─> securityGroups ─┬─> productEndpoints ─────────────┐
 *              │                                     │                                 │
 *              ├─> certificates ─────────────────────┼─> endpoint ─┬─> associations ───┼─> activate
 *              └─> connectionLog ────────────────────┘             └─> authorization ──┘
 *
 * `certificates` creates the environment's root and client CAs (keys encrypted in the database)
 * and imports the server certificate and the client trust certificate into ACM. `connectionLog`
 * makes the CloudWatch Logs group and stream the endpoint logs connection attempts to (AWS
 * refuses an endpoint whose log group does not exist; removal deletes the group after the
 * endpoint). `associations` and `authorization` (both also need the subnets) run side by side on
 * the endpoint.
 */
const subnetSchema = z.object({ subnetId: z.string(), zoneId: z.string(), cidr: z.string() });

export const clientVpnOutputs = {
  addresses: z.object({ vpcCidr: z.string(), clientCidr: z.string() }),
  certificates: z.object({ serverCertificateArn: z.string(), clientTrustCertificateArn: z.string() }),
  connectionLog: z.object({ logGroupName: z.string(), logStreamName: z.string() }),
  vpc: z.object({ vpcId: z.string(), cidr: z.string() }),
  subnets: z.object({ subnets: z.array(subnetSchema) }),
  securityGroups: z.object({ endpointGroupId: z.string(), productsGroupId: z.string() }),
  productEndpoints: interfaceEndpointsOutput,
  endpoint: z.object({ clientVpnEndpointId: z.string(), dnsName: z.string() }),
  associations: z.object({ associations: z.array(z.object({ associationId: z.string(), subnetId: z.string() })) }),
  authorization: z.object({ authorizedCidrs: z.array(z.string()) }),
  activate: z.object({}),
};

export const CLIENT_VPN_ENVIRONMENT_PLAN = "client-vpn-environment";

export function createClientVpnEnvironmentPlan(deps: ClientVpnDeps) {
  const started = stepStarted(deps);
  return definePlan({
    name: CLIENT_VPN_ENVIRONMENT_PLAN,
    input: clientVpnPlanInput,
    outputs: clientVpnOutputs,
    steps: {
      addresses: {
        dependsOn: [],
        run: async (ctx) => (await started(ctx), allocateAddresses(deps, ctx)),
        async undo(ctx) {
          await markEnvironmentRemoved(deps.db(), ctx.connectionId, ctx.input.clientCidrHolderId);
          return { done: {} };
        },
      },
      certificates: {
        dependsOn: ["addresses"],
        run: async (ctx) => (await started(ctx), ensureCertificates(deps, ctx)),
        undo: (ctx) => removeCertificates(deps, ctx),
      },
      vpc: {
        dependsOn: ["addresses"],
        run: async (ctx) => (await started(ctx), ensureVpc(deps, ctx, ctx.output("addresses").vpcCidr)),
        undo: (ctx) => removeVpc(deps, ctx),
      },
      subnets: {
        dependsOn: ["vpc"],
        run: async (ctx) => (await started(ctx), ensureSubnets(deps, ctx, ctx.output("vpc"))),
        undo: (ctx) => removeSubnets(deps, ctx),
      },
      securityGroups: {
        dependsOn: ["vpc", "subnets"],
        run: async (ctx) => (await started(ctx), ensureSecurityGroups(deps, ctx, ctx.output("vpc").vpcId, ctx.output("subnets").subnets)),
        undo: (ctx) => removeSecurityGroups(deps, ctx),
      },
      productEndpoints: {
        dependsOn: ["vpc", "subnets", "securityGroups"],
        run: async (ctx) =>
          (await started(ctx),
          ensureProductEndpoints(deps, ctx, ctx.output("vpc").vpcId, ctx.output("subnets").subnets, ctx.output("securityGroups").productsGroupId)),
        undo: (ctx) => removeProductEndpoints(deps, ctx, ctx.output("vpc")?.vpcId ?? null),
      },
      connectionLog: {
        dependsOn: ["addresses"],
        run: async (ctx) => (await started(ctx), ensureConnectionLog(deps, ctx)),
        undo: (ctx) => removeConnectionLog(deps, ctx),
      },
      endpoint: {
        dependsOn: ["addresses", "vpc", "securityGroups", "certificates", "connectionLog"],
        run: async (ctx) =>
          (await started(ctx),
          ensureEndpoint(deps, ctx, {
            addresses: ctx.output("addresses"),
            vpcId: ctx.output("vpc").vpcId,
            endpointGroupId: ctx.output("securityGroups").endpointGroupId,
            certificates: ctx.output("certificates"),
            connectionLog: ctx.output("connectionLog"),
          })),
        undo: (ctx) => removeEndpoint(deps, ctx),
      },
      associations: {
        dependsOn: ["endpoint", "subnets"],
        run: async (ctx) => (await started(ctx), ensureAssociations(deps, ctx, ctx.output("endpoint").clientVpnEndpointId, ctx.output("subnets").subnets)),
        undo: (ctx) => removeAssociations(deps, ctx, ctx.output("endpoint")?.clientVpnEndpointId ?? null),
      },
      authorization: {
        dependsOn: ["endpoint", "subnets"],
        run: async (ctx) => (await started(ctx), ensureAuthorization(deps, ctx, ctx.output("endpoint").clientVpnEndpointId, ctx.output("subnets").subnets)),
      },
      activate: {
        dependsOn: ["productEndpoints", "associations", "authorization"],
        async run(ctx) {
          await started(ctx);
          await markEnvironmentAvailable(deps.db(), ctx.connectionId);
          return { done: {} };
        },
      },
    },
  });
}
