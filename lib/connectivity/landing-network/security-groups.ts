import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand, type IpPermission } from "@aws-sdk/client-ec2";
import { ensureResource, findByTags, tagSpecifications } from "@/lib/engine/adopt";
import { creating, required, type CreationTags, type LandingDeps, type LandingStepEnv } from "./step-env";
import { removeTagged } from "./vpc";

/** The landing VPC's security groups, one per role, each told apart by an onramp:role tag. */

const roleTags = (env: LandingStepEnv, role: string) => ({ ...env.tags, "onramp:role": role });

/** The products' ports, each once, in order. */
export function productPorts(products: ReadonlyArray<{ readonly ports: readonly number[] }>): number[] {
  return [...new Set(products.flatMap((product) => product.ports))].sort((a, b) => a - b);
}

/** Ingress from the sources on each TCP port. */
export function tcpRules(ports: readonly number[], cidrs: readonly string[]): IpPermission[] {
  return ports.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })) }));
}

/** Finds or creates the step's group for a role; its rules are the caller's. */
export async function ensureRoleGroup(
  deps: LandingDeps,
  env: LandingStepEnv,
  group: { vpcId: string; role: string; groupName: string; description: string; creationTags: CreationTags },
): Promise<string> {
  const ec2 = deps.ec2(env.input.region);
  const tags = roleTags(env, group.role);
  const { id } = await ensureResource(env, `securityGroup:${group.role}`, {
    find: () => findByTags(ec2, "security-group", tags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(
          new CreateSecurityGroupCommand({
            VpcId: group.vpcId,
            GroupName: group.groupName,
            Description: group.description,
            TagSpecifications: tagSpecifications("security-group", group.creationTags(tags, group.role)),
          }),
        );
        return required(created.GroupId, "security group id");
      }),
  });
  return id;
}

export async function removeRoleGroups(deps: LandingDeps, env: LandingStepEnv, roles: readonly string[]): Promise<void> {
  const ec2 = deps.ec2(env.input.region);
  const entries = roles.map((role) => ({ key: `securityGroup:${role}`, tags: roleTags(env, role) }));
  await removeTagged(deps, env, "security-group", entries, (id) => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
}
