import "server-only";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import type { QuotaName } from "@/lib/sandbox/quotas";

/**
 * A provider that runs Onramp asks AWS for larger quotas through Service Quotas before onboarding
 * customers: every Site-to-Site connection takes a VPC and a Resolver endpoint, and AWS's defaults
 * (5 VPCs, 4 Resolver endpoints per region) would stop the demo at its fifth site. The demo starts
 * with those increases granted; tests keep AWS's defaults.
 */
const DEMO_QUOTAS: ReadonlyArray<[QuotaName, number]> = [
  ["vpcs", 100],
  ["resolverEndpoints", 100],
];

export function grantDemoQuotas(regions: readonly string[]): void {
  const cloud = sandboxCloud();
  for (const region of regions) {
    for (const [quota, value] of DEMO_QUOTAS) cloud.setQuota(cloud.providerAccountId, region, quota, value);
  }
}
