import { getDb } from "@/db/client";
import { runUntilIdle, type RunUntilIdleOptions } from "@/lib/engine/executor";
import type { Plan } from "@/lib/engine/plan";
import { FAST } from "@/lib/engine/testing/demo-harness";
import { privateLinkPlan } from "../plan";

/** Shared by the PrivateLink integration tests: runs the engine's PrivateLink steps as a worker would. */
export async function runPrivateLinkPlans(plan: Plan = privateLinkPlan, options: Partial<RunUntilIdleOptions> = {}): Promise<void> {
  await runUntilIdle(getDb(), { plans: [plan], ...FAST, timeoutMs: 20_000, ...options });
}
