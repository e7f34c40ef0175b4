import { parseDnsForwardingInput, TEST_NAME_LIMIT, type DnsForwardingTargets } from "@/lib/configs/dns-forwarding-input";
import type { ActionResult } from "@/lib/errors";

/**
 * What a Site-to-Site customer's DNS servers forward to the landing VPC's Route 53 Resolver inbound
 * endpoint: each product's private DNS name and the names of the interface endpoints.
 *
 * An endpoint's names (one regional, one per zone) all sit under its service's domain,
 * `vpce-svc-<id>.<region>.vpce.amazonaws.com`, so one forwarded domain per endpoint covers them.
 */
export interface SiteToSiteDnsFacts {
  landingCidr: string;
  resolverIps: readonly string[];
  privateDnsNames: readonly string[];
  endpoints: ReadonlyArray<{ dnsNames: readonly string[] }>;
}

const ENDPOINT_NAME = /^vpce-[0-9a-z-]+\.(vpce-svc-[0-9a-f]+\.[a-z0-9-]+\.vpce\.amazonaws\.com)$/;

/** A private DNS name may be a wildcard (`*.example.com`); forwarding its domain covers every name. */
function withoutWildcard(name: string): string {
  return name.replace(/^\*\./, "");
}

export function siteToSiteDnsTargets(facts: SiteToSiteDnsFacts): ActionResult<DnsForwardingTargets> {
  const privateNames = facts.privateDnsNames.map(withoutWildcard);
  const endpointDomains: string[] = [];
  const endpointTestNames: string[] = [];
  for (const endpoint of facts.endpoints) {
    const endpointNames = endpoint.dnsNames.filter((name) => ENDPOINT_NAME.test(name));
    for (const name of endpointNames) endpointDomains.push(name.replace(ENDPOINT_NAME, "$1"));
    // The regional name is the shortest: zonal names add the zone's name to its first label.
    const regional = [...endpointNames].sort((a, b) => a.length - b.length)[0];
    if (regional) endpointTestNames.push(regional);
    // Any other name the endpoint answers to is the product's private DNS name.
    privateNames.push(...endpoint.dnsNames.filter((name) => !ENDPOINT_NAME.test(name)).map(withoutWildcard));
  }
  return parseDnsForwardingInput({
    domains: [...privateNames, ...endpointDomains],
    resolverIps: facts.resolverIps,
    testNames: [...new Set([...privateNames, ...endpointTestNames])].slice(0, TEST_NAME_LIMIT),
    vpcCidrs: [facts.landingCidr],
  });
}
