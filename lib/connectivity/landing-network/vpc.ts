import { CreateVpcCommand, DeleteVpcCommand, ModifyVpcAttributeCommand } from "@aws-sdk/client-ec2";
import { deleteTolerantly, ensureResource, findByTags, resourcesToRemove, tagSpecifications, type TaggedResourceKind } from "@/lib/engine/adopt";
import { creating, required, type CreationTags, type LandingDeps, type LandingStepEnv } from "./step-env";

/** The landing VPC itself, and removal of whatever a landing step tagged. */

/** Finds or creates the step's VPC, with the DNS attributes interface endpoints' private names need. */
export async function ensureLandingVpc(deps: LandingDeps, env: LandingStepEnv, cidr: string, creationTags: CreationTags): Promise<string> {
  const ec2 = deps.ec2(env.input.region);
  const { id: vpcId } = await ensureResource(env, "vpc", {
    find: () => findByTags(ec2, "vpc", env.tags),
    create: () =>
      creating(deps, env, async () => {
        const created = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpecifications("vpc", creationTags(env.tags, "landing")) }));
        return required(created.Vpc?.VpcId, "VPC id");
      }),
  });
  // Private DNS resolves through the VPC's resolver only with both; setting them again is harmless, so every attempt does.
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  return vpcId;
}

/** Deletes every resource of a kind the step made, recorded or found by its tags; gone counts as done. */
export async function removeTagged(
  deps: LandingDeps,
  env: LandingStepEnv,
  kind: TaggedResourceKind,
  entries: ReadonlyArray<{ key: string; tags: Readonly<Record<string, string>> }>,
  remove: (id: string) => Promise<unknown>,
): Promise<void> {
  const ec2 = deps.ec2(env.input.region);
  for (const entry of entries) {
    for (const id of await resourcesToRemove(env, entry.key, () => findByTags(ec2, kind, entry.tags))) {
      await deleteTolerantly(() => remove(id));
    }
  }
}

/** Deletes the step's VPC once everything in it is gone. */
export async function removeLandingVpc(deps: LandingDeps, env: LandingStepEnv): Promise<void> {
  const ec2 = deps.ec2(env.input.region);
  await removeTagged(deps, env, "vpc", [{ key: "vpc", tags: env.tags }], (id) => ec2.send(new DeleteVpcCommand({ VpcId: id })));
}
