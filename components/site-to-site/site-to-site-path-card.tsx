"use client";

import { Card } from "@/components/ui/card";
import type { SiteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { PathDiagram, type PathFacts } from "./path-diagram";
import { builtSteps } from "./plan-format";
import { useSiteToSiteStatus } from "./use-site-to-site-status";

export interface PathSetup {
  site: PathFacts["site"];
  accelerated: boolean;
  products: Array<{ productRegionId: string; productName: string }>;
}

/** The path picture, redrawn as each part of the landing network becomes ready. */
export function SiteToSitePathCard({ initial, setup }: { initial: SiteToSiteStatusView; setup: PathSetup }) {
  const { view } = useSiteToSiteStatus(initial);
  const built = builtSteps(view);
  const endpoints = new Map(view.outputs.endpoints.map((endpoint) => [endpoint.productRegionId, endpoint.vpcEndpointId]));
  const facts: PathFacts = {
    site: setup.site,
    tunnels: built.has("vpnConnection") ? view.tunnels : [],
    gateway: { accelerated: setup.accelerated, ready: built.has("gateway") },
    vpc: { cidr: view.outputs.landingCidr, ready: built.has("vpc") },
    products: setup.products.map((product) => ({
      name: product.productName,
      endpointId: built.has("endpoints") ? (endpoints.get(product.productRegionId) ?? null) : null,
    })),
    resolver: { ips: view.outputs.resolverIps, ready: built.has("resolver") },
    removing: view.status === "removing",
  };
  return (
    <Card title="Path to the service" description="From your site through the two tunnels into your landing VPC, then to each product's interface endpoint.">
      <PathDiagram facts={facts} />
    </Card>
  );
}
