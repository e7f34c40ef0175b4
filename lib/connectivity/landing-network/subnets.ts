import { CreateSubnetCommand, DeleteSubnetCommand, DescribeAvailabilityZonesCommand } from "@aws-sdk/client-ec2";
import { AwsResponseError } from "@/lib/aws/errors";
import { ensureResource, findByTags, tagSpecifications } from "@/lib/engine/adopt";
import { formatCidr, requireCidr } from "@/lib/net/cidr";
import { creating, required, type CreationTags, type LandingDeps, type LandingStepEnv } from "./step-env";
import { removeTagged } from "./vpc";

/** One landing subnet per zone, each a fixed slice of the VPC's block. */

export interface ZoneSubnet {
  subnetId: string;
  zoneId: string;
  zoneName: string;
  cidr: string;
}

/** Each zone's subnet is a quarter of the landing /24 (lib/ipam/landing-pool.ts): room for the endpoints' interfaces. */
const SUBNET_PREFIX = 26;

const zoneTags = (env: LandingStepEnv, zoneId: string) => ({ ...env.tags, "onramp:zone": zoneId });

export async function ensureZoneSubnets(
  deps: LandingDeps,
  env: LandingStepEnv,
  vpc: { vpcId: string; cidr: string },
  zoneIds: readonly string[],
  creationTags: CreationTags,
): Promise<ZoneSubnet[]> {
  const ec2 = deps.ec2(env.input.region);
  // Zone IDs name the same physical zones in every account; the provider account's names are for display.
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: "zone-id", Values: [...zoneIds] }] }));
  const base = requireCidr(vpc.cidr).base;
  const subnets: ZoneSubnet[] = [];
  for (const [index, zoneId] of zoneIds.entries()) {
    const zoneName = zones.AvailabilityZones?.find((zone) => zone.ZoneId === zoneId)?.ZoneName;
    if (!zoneName) throw new AwsResponseError("InvalidZone.NotFound", `Zone ${zoneId} is not offered to the provider account in ${env.input.region}.`);
    const cidr = formatCidr({ base: base + index * 2 ** (32 - SUBNET_PREFIX), prefix: SUBNET_PREFIX });
    const tags = zoneTags(env, zoneId);
    const { id: subnetId } = await ensureResource(env, `subnet:${zoneId}`, {
      find: () => findByTags(ec2, "subnet", tags),
      create: () =>
        creating(deps, env, async () => {
          const created = await ec2.send(
            new CreateSubnetCommand({ VpcId: vpc.vpcId, CidrBlock: cidr, AvailabilityZoneId: zoneId, TagSpecifications: tagSpecifications("subnet", creationTags(tags, zoneId)) }),
          );
          return required(created.Subnet?.SubnetId, "subnet id");
        }),
    });
    subnets.push({ subnetId, zoneId, zoneName, cidr });
  }
  return subnets;
}

export async function removeZoneSubnets(deps: LandingDeps, env: LandingStepEnv, zoneIds: readonly string[]): Promise<void> {
  const ec2 = deps.ec2(env.input.region);
  const entries = zoneIds.map((zoneId) => ({ key: `subnet:${zoneId}`, tags: zoneTags(env, zoneId) }));
  await removeTagged(deps, env, "subnet", entries, (id) => ec2.send(new DeleteSubnetCommand({ SubnetId: id })));
}
