import { z } from "zod";
import { getDb } from "@/db/client";
import { providerEc2, providerResolver } from "@/lib/aws/clients";
import { interfaceEndpointsOutput } from "@/lib/connectivity/landing-network/interface-endpoints";
import { stepStarted } from "@/lib/connectivity/landing-network/step-env";
import { definePlan } from "@/lib/engine/plan";
import { markAvailable, markRemoved } from "./connection-lifecycle";
import {
  ensureAttachment,
  ensureCustomerGateway,
  ensureGateway,
  removeAttachment,
  removeCustomerGateway,
  removeGateway,
} from "./gateway-steps";
import {
  allocateCidr,
  ensureSecurityGroups,
  ensureSubnets,
  ensureVpc,
  removeSecurityGroups,
  removeSubnets,
  removeVpc,
} from "./network-steps";
import { siteToSitePlanInput } from "./plan-input";
import { ensureEndpoints, ensureResolver, removeEndpoints, removeResolver } from "./service-steps";
import type { SiteToSiteDeps } from "./step-env";
import { ensureVpnConnection, ensureVpnRouting, removeVpnConnection, removeVpnRouting } from "./vpn-steps";

/**
 * The Site-to-Site VPN as a step graph. Everything hangs off the landing block, so a removal
 * always ends with that step's undo, which returns the block and marks the connection removed.
 *
 *   landingCidr ─> vpc ─┬─> subnets ───────┬─> endpoints ─┐
 *        │              └─> securityGroups ┴─> resolver ──┤
 *        ├─> customerGateway ─┐                           ├─> activate
 *        └─> gateway ─────────┴─> vpnConnection ─┐        │
 *   (vpc, subnets, gateway) ─> gatewayAttachment ┴─> vpnRouting
 *
 * `gateway` is a virtual private gateway, or for accelerated VPNs the region's shared transit
 * gateway; `gatewayAttachment` attaches it to the landing VPC (with the tenant's own transit
 * gateway route table in the accelerated case).
 */
const subnetSchema = z.object({ subnetId: z.string(), zoneId: z.string(), zoneName: z.string(), cidr: z.string() });

export const siteToSiteOutputs = {
  landingCidr: z.object({ cidr: z.string() }),
  vpc: z.object({ vpcId: z.string(), cidr: z.string(), mainRouteTableId: z.string() }),
  subnets: z.object({ subnets: z.array(subnetSchema) }),
  securityGroups: z.object({ endpointGroupId: z.string(), resolverGroupId: z.string() }),
  customerGateway: z.object({ customerGatewayId: z.string() }),
  gateway: z.object({ kind: z.enum(["vgw", "tgw"]), gatewayId: z.string() }),
  gatewayAttachment: z.object({ kind: z.enum(["vgw", "tgw"]), tgwRouteTableId: z.string().nullable(), tgwVpcAttachmentId: z.string().nullable() }),
  vpnConnection: z.object({ vpnConnectionId: z.string(), tunnels: z.array(z.object({ outsideIp: z.string(), insideCidr: z.string() })) }),
  vpnRouting: z.object({ tgwVpnAttachmentId: z.string().nullable(), staticRoutes: z.array(z.string()) }),
  endpoints: interfaceEndpointsOutput,
  resolver: z.object({ resolverEndpointId: z.string(), ips: z.array(z.string()) }),
  activate: z.object({}),
};

export const SITE_TO_SITE_PLAN = "site-to-site";

export function createSiteToSitePlan(deps: SiteToSiteDeps) {
  const started = stepStarted(deps);
  return definePlan({
    name: SITE_TO_SITE_PLAN,
    input: siteToSitePlanInput,
    outputs: siteToSiteOutputs,
    steps: {
      landingCidr: {
        dependsOn: [],
        run: async (ctx) => (await started(ctx), allocateCidr(deps, ctx)),
        async undo(ctx) {
          await markRemoved(deps.db(), ctx.connectionId);
          return { done: {} };
        },
      },
      vpc: {
        dependsOn: ["landingCidr"],
        run: async (ctx) => (await started(ctx), ensureVpc(deps, ctx, ctx.output("landingCidr").cidr)),
        undo: (ctx) => removeVpc(deps, ctx),
      },
      subnets: {
        dependsOn: ["vpc"],
        run: async (ctx) => (await started(ctx), ensureSubnets(deps, ctx, ctx.output("vpc"))),
        undo: (ctx) => removeSubnets(deps, ctx),
      },
      securityGroups: {
        dependsOn: ["vpc"],
        run: async (ctx) => (await started(ctx), ensureSecurityGroups(deps, ctx, ctx.output("vpc"))),
        undo: (ctx) => removeSecurityGroups(deps, ctx),
      },
      customerGateway: {
        dependsOn: ["landingCidr"],
        run: async (ctx) => (await started(ctx), ensureCustomerGateway(deps, ctx)),
        undo: (ctx) => removeCustomerGateway(deps, ctx),
      },
      gateway: {
        dependsOn: ["landingCidr"],
        run: async (ctx) => (await started(ctx), ensureGateway(deps, ctx)),
        undo: (ctx) => removeGateway(deps, ctx),
      },
      gatewayAttachment: {
        dependsOn: ["vpc", "subnets", "gateway"],
        run: async (ctx) => (await started(ctx), ensureAttachment(deps, ctx, ctx.output("vpc"), ctx.output("subnets").subnets, ctx.output("gateway"))),
        undo: (ctx) => removeAttachment(deps, ctx, ctx.output("vpc"), ctx.output("gateway"), { ...ctx.tags, "onramp:step": "gateway" }),
      },
      vpnConnection: {
        dependsOn: ["customerGateway", "gateway"],
        run: async (ctx) => (await started(ctx), ensureVpnConnection(deps, ctx, ctx.output("customerGateway").customerGatewayId, ctx.output("gateway"))),
        undo: (ctx) => removeVpnConnection(deps, ctx),
      },
      vpnRouting: {
        dependsOn: ["vpnConnection", "gatewayAttachment"],
        run: async (ctx) => (await started(ctx), ensureVpnRouting(deps, ctx, ctx.output("vpnConnection"), ctx.output("gatewayAttachment"))),
        undo: (ctx) => removeVpnRouting(deps, ctx, ctx.output("vpnConnection"), { ...ctx.tags, "onramp:step": "vpnConnection" }),
      },
      endpoints: {
        dependsOn: ["vpc", "subnets", "securityGroups"],
        run: async (ctx) => (await started(ctx), ensureEndpoints(deps, ctx, ctx.output("vpc"), ctx.output("subnets").subnets, ctx.output("securityGroups"))),
        undo: (ctx) => removeEndpoints(deps, ctx),
      },
      resolver: {
        dependsOn: ["subnets", "securityGroups"],
        run: async (ctx) => (await started(ctx), ensureResolver(deps, ctx, ctx.output("subnets").subnets, ctx.output("securityGroups"))),
        undo: (ctx) => removeResolver(deps, ctx),
      },
      activate: {
        dependsOn: ["vpnRouting", "endpoints", "resolver"],
        async run(ctx) {
          await started(ctx);
          await markAvailable(deps.db(), ctx.connectionId);
          return { done: {} };
        },
      },
    },
  });
}

export const siteToSitePlan = createSiteToSitePlan({ ec2: providerEc2, resolver: providerResolver, db: getDb });
