import {
  AttachVpnGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpnGatewayCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpnGatewayCommand,
  DescribeVpnGatewaysCommand,
  DetachVpnGatewayCommand,
  type EC2Client,
  type VpnGateway,
} from "@aws-sdk/client-ec2";
import { z } from "zod";
import { AwsResponseError, isNotFound } from "@/lib/aws/errors";
import {
  deleteTolerantly,
  ensureResource,
  findByTags,
  resourcesToRemove,
  tagSpecifications,
  type ResourceLedger,
  type TaggedResourceKind,
} from "@/lib/engine/adopt";
import { definePlan, type StepOutcome } from "@/lib/engine/plan";

/**
 * A small network, provisioned through the engine for its tests and the bench: a VPC (tag-adopt),
 * two subnets and a security group in parallel once it exists, and a virtual private gateway
 * (pending -> available) attached to the VPC (attaching -> attached). Enough to show parallel
 * steps, waiting on AWS without a worker, adoption after a crash, and the reverse deprovision.
 *
 * `checkpoint` is where tests cut in: it is awaited right before and right after each step's AWS
 * create, so a test can stop a worker at exactly that boundary.
 */
export type DemoCheckpoint = "before-create" | "after-create";

export interface DemoPlanDeps {
  ec2For(accountId: string, region: string): EC2Client;
  checkpoint?(at: { runId: string; stepName: string; point: DemoCheckpoint }): Promise<void>;
}

export const demoNetworkInput = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  vpcCidr: z.string(),
  subnetCidrs: z.tuple([z.string(), z.string()]),
});
export type DemoNetworkInput = z.infer<typeof demoNetworkInput>;

const RECHECK_MS = 200;

function required(value: string | undefined, what: string): string {
  if (!value) throw new AwsResponseError("InvalidResponse", `AWS returned no ${what}.`);
  return value;
}

async function describeGateway(ec2: EC2Client, vpnGatewayId: string): Promise<VpnGateway> {
  const result = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vpnGatewayId] }));
  const [gateway] = result.VpnGateways ?? [];
  if (!gateway) throw new AwsResponseError("InvalidVpnGatewayID.NotFound", `The virtual private gateway ${vpnGatewayId} is not listed.`);
  return gateway;
}

const waitFor = (reason: string): StepOutcome<never> => ({ wait: { reason, recheckAfterMs: RECHECK_MS } });

/** What the helpers below need of a step's (or undo's) context. */
type DemoContext = ResourceLedger & { input: DemoNetworkInput; runId: string; stepName: string; tags: Readonly<Record<string, string>> };

export function createDemoNetworkPlan(deps: DemoPlanDeps) {
  const checkpoint = deps.checkpoint ?? (async () => undefined);
  const ec2Of = (ctx: DemoContext) => deps.ec2For(ctx.input.accountId, ctx.input.region);

  /** Tag-then-adopt, with the test checkpoints around the create call. */
  const adoptOrCreate = async (ctx: DemoContext, kind: TaggedResourceKind, key: string, create: (ec2: EC2Client) => Promise<string | undefined>) => {
    const ec2 = ec2Of(ctx);
    const ensured = await ensureResource(ctx, key, {
      find: () => findByTags(ec2, kind, ctx.tags),
      create: async () => {
        await checkpoint({ runId: ctx.runId, stepName: ctx.stepName, point: "before-create" });
        const id = required(await create(ec2), `${kind} id`);
        await checkpoint({ runId: ctx.runId, stepName: ctx.stepName, point: "after-create" });
        return id;
      },
    });
    return ensured.id;
  };

  const removeAll = async (ctx: DemoContext, kind: TaggedResourceKind, key: string, remove: (ec2: EC2Client, id: string) => Promise<unknown>) => {
    const ec2 = ec2Of(ctx);
    for (const id of await resourcesToRemove(ctx, key, () => findByTags(ec2, kind, ctx.tags))) {
      await deleteTolerantly(() => remove(ec2, id));
    }
    return { done: {} };
  };

  const subnetStep = (index: 0 | 1) => ({
    dependsOn: ["vpc"] as const,
    async run(ctx: DemoContext & { output(step: "vpc"): { vpcId: string } }) {
      const { vpcId } = ctx.output("vpc");
      const subnetId = await adoptOrCreate(ctx, "subnet", "subnetId", async (ec2) => {
        const created = await ec2.send(
          new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: ctx.input.subnetCidrs[index], TagSpecifications: tagSpecifications("subnet", ctx.tags) }),
        );
        return created.Subnet?.SubnetId;
      });
      return { done: { subnetId } };
    },
    undo: (ctx: DemoContext) => removeAll(ctx, "subnet", "subnetId", (ec2, id) => ec2.send(new DeleteSubnetCommand({ SubnetId: id }))),
  });

  return definePlan({
    name: "demo-network",
    input: demoNetworkInput,
    outputs: {
      vpc: z.object({ vpcId: z.string() }),
      subnetA: z.object({ subnetId: z.string() }),
      subnetB: z.object({ subnetId: z.string() }),
      securityGroup: z.object({ groupId: z.string() }),
      vpnGateway: z.object({ vpnGatewayId: z.string() }),
      attachment: z.object({ vpcId: z.string(), vpnGatewayId: z.string() }),
    },
    steps: {
      vpc: {
        dependsOn: [],
        async run(ctx) {
          const vpcId = await adoptOrCreate(ctx, "vpc", "vpcId", async (ec2) => {
            const created = await ec2.send(new CreateVpcCommand({ CidrBlock: ctx.input.vpcCidr, TagSpecifications: tagSpecifications("vpc", ctx.tags) }));
            return created.Vpc?.VpcId;
          });
          return { done: { vpcId } };
        },
        undo: (ctx) => removeAll(ctx, "vpc", "vpcId", (ec2, id) => ec2.send(new DeleteVpcCommand({ VpcId: id }))),
      },
      subnetA: subnetStep(0),
      subnetB: subnetStep(1),
      securityGroup: {
        dependsOn: ["vpc"],
        async run(ctx) {
          const { vpcId } = ctx.output("vpc");
          const groupId = await adoptOrCreate(ctx, "security-group", "groupId", async (ec2) => {
            const created = await ec2.send(
              new CreateSecurityGroupCommand({
                VpcId: vpcId,
                GroupName: `onramp-${ctx.runId.slice(0, 8)}`,
                Description: "Onramp demo network",
                TagSpecifications: tagSpecifications("security-group", ctx.tags),
              }),
            );
            return created.GroupId;
          });
          return { done: { groupId } };
        },
        undo: (ctx) => removeAll(ctx, "security-group", "groupId", (ec2, id) => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }))),
      },
      vpnGateway: {
        dependsOn: [],
        async run(ctx) {
          const vpnGatewayId = await adoptOrCreate(ctx, "vpn-gateway", "vpnGatewayId", async (ec2) => {
            const created = await ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1", TagSpecifications: tagSpecifications("vpn-gateway", ctx.tags) }));
            return created.VpnGateway?.VpnGatewayId;
          });
          const state = (await describeGateway(ec2Of(ctx), vpnGatewayId)).State;
          if (state !== "available") return waitFor(`The virtual private gateway is ${state ?? "pending"}.`);
          return { done: { vpnGatewayId } };
        },
        undo: (ctx) => removeAll(ctx, "vpn-gateway", "vpnGatewayId", (ec2, id) => ec2.send(new DeleteVpnGatewayCommand({ VpnGatewayId: id }))),
      },
      attachment: {
        dependsOn: ["vpc", "vpnGateway"],
        async run(ctx) {
          const ec2 = ec2Of(ctx);
          const { vpcId } = ctx.output("vpc");
          const { vpnGatewayId } = ctx.output("vpnGateway");
          // AttachVpnGateway fails when repeated, so the gateway's own state says whether to call it.
          const current = (await describeGateway(ec2, vpnGatewayId)).VpcAttachments?.find((a) => a.VpcId === vpcId)?.State;
          if (current === "attached") return { done: { vpcId, vpnGatewayId } };
          if (current !== "attaching") {
            await checkpoint({ runId: ctx.runId, stepName: ctx.stepName, point: "before-create" });
            await ec2.send(new AttachVpnGatewayCommand({ VpcId: vpcId, VpnGatewayId: vpnGatewayId }));
            await checkpoint({ runId: ctx.runId, stepName: ctx.stepName, point: "after-create" });
          }
          return waitFor("The virtual private gateway is attaching to the VPC.");
        },
        async undo(ctx) {
          const ec2 = ec2Of(ctx);
          const vpcId = ctx.output("vpc")?.vpcId;
          const known = ctx.output("vpnGateway")?.vpnGatewayId;
          // The gateway's step may have crashed before finishing: then its tags find it.
          const gatewayIds = known ? [known] : await findByTags(ec2, "vpn-gateway", { ...ctx.tags, "onramp:step": "vpnGateway" });
          for (const gatewayId of gatewayIds) {
            const listed = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [gatewayId] })).catch((error: unknown) => {
              if (isNotFound(error)) return null;
              throw error;
            });
            const attachments = (listed?.VpnGateways?.[0]?.VpcAttachments ?? []).filter((a) => vpcId === undefined || a.VpcId === vpcId);
            for (const attachment of attachments) {
              if (attachment.State === "detaching") return waitFor("The virtual private gateway is detaching from the VPC.");
              if (attachment.State === "attached" || attachment.State === "attaching") {
                await deleteTolerantly(() => ec2.send(new DetachVpnGatewayCommand({ VpcId: attachment.VpcId, VpnGatewayId: gatewayId })));
                return waitFor("The virtual private gateway is detaching from the VPC.");
              }
            }
          }
          return { done: {} };
        },
      },
    },
  });
}
