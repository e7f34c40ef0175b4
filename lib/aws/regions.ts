import "server-only";
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { providerEc2 } from "./clients";

/** The regions enabled for the provider's account, as EC2 reports them (any region answers). */
export async function enabledRegions(): Promise<string[]> {
  const out = await providerEc2("us-east-1").send(new DescribeRegionsCommand({}));
  return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
}
