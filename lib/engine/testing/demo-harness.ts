import { randomInt, randomUUID } from "node:crypto";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { Db } from "@/db/client";
import { customerEc2 } from "@/lib/aws/clients";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { findByTags, type TaggedResourceKind } from "@/lib/engine/adopt";
import type { EngineOptions } from "@/lib/engine/executor";
import type { Plan } from "@/lib/engine/plan";
import { startProvision } from "@/lib/engine/runs";
import { withRateLimit } from "@/lib/engine/with-rate-limit";
import type { DemoNetworkInput } from "./demo-network-plan";

/** Shared by the engine's integration tests: accounts, inputs, and what the sandbox holds. */

/** Each run gets an account of its own: the sandbox enforces AWS's five VPCs per account and region. */
export function freshAccountId(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

export function demoInput(accountId: string, region = "us-east-1"): DemoNetworkInput {
  return { accountId, region, vpcCidr: "10.20.0.0/16", subnetCidrs: ["10.20.0.0/24", "10.20.1.0/24"] };
}

/** The in-process sandbox through the real SDK client of lib/aws, behind the engine's rate limiter. */
export function sandboxEc2(accountId: string, region: string): EC2Client {
  return withRateLimit(customerEc2(accountId, region), accountId, region);
}

/** Fast timings for tests: short polls, small backoffs; the recheck cap keeps instant-profile waits short. */
export const FAST: Omit<EngineOptions, "plans"> = {
  pollMs: 10,
  backoff: { retryBaseMs: 5, retryMaxMs: 40, waitMaxMs: 20 },
};

export async function startDemoRun(db: Db, plan: Plan<DemoNetworkInput>, accountId = freshAccountId()) {
  const connectionId = randomUUID();
  const input = demoInput(accountId);
  const runId = await startProvision(db, plan, { connectionId, tenantId: randomUUID(), input });
  return { runId, connectionId, accountId, input };
}

/** The calls that create something, as the sandbox logged them (only the successful ones made anything). */
export function createCalls(accountId: string) {
  return sandboxCloud()
    .calls()
    .filter((call) => call.accountId === accountId && call.status === 200 && (call.action.startsWith("Create") || call.action === "AttachVpnGateway"));
}

export function countByAction(calls: ReadonlyArray<{ action: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.action] = (counts[call.action] ?? 0) + 1;
  return counts;
}

export const DEMO_CREATES = {
  CreateVpc: 1,
  CreateSubnet: 2,
  CreateSecurityGroup: 1,
  CreateVpnGateway: 1,
  AttachVpnGateway: 1,
};

const KINDS: TaggedResourceKind[] = ["vpc", "subnet", "security-group", "vpn-gateway"];

/** Every live resource tagged with the run, by kind. */
export async function liveResourcesOfRun(accountId: string, runId: string): Promise<Record<string, string[]>> {
  const ec2 = sandboxEc2(accountId, "us-east-1");
  const entries = await Promise.all(KINDS.map(async (kind) => [kind, await findByTags(ec2, kind, { "onramp:run": runId })] as const));
  return Object.fromEntries(entries);
}
