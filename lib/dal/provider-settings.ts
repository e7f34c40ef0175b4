import "server-only";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { providerSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";

/**
 * What Onramp does with an endpoint connection whose owner account belongs to no tenant:
 * `reject` it at once (the default: nobody asked for it), or `hold` it for support to decide.
 */
export const UNKNOWN_ENDPOINT_POLICIES = ["reject", "hold"] as const;
export type UnknownEndpointPolicy = (typeof UNKNOWN_ENDPOINT_POLICIES)[number];

const UNKNOWN_ENDPOINT_POLICY_KEY = "unknown_endpoint_policy";

function isPolicy(value: unknown): value is UnknownEndpointPolicy {
  return UNKNOWN_ENDPOINT_POLICIES.some((p) => p === value);
}

export async function getUnknownEndpointPolicy(db: DbOrTx): Promise<UnknownEndpointPolicy> {
  const [row] = await db
    .select({ value: providerSettings.value })
    .from(providerSettings)
    .where(eq(providerSettings.key, UNKNOWN_ENDPOINT_POLICY_KEY))
    .limit(1);
  return isPolicy(row?.value) ? row.value : "reject";
}

export async function setUnknownEndpointPolicy(db: Db, caller: Caller, policy: UnknownEndpointPolicy): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(providerSettings)
      .values({ key: UNKNOWN_ENDPOINT_POLICY_KEY, value: policy, updatedBy: caller.userId, updatedAt: now })
      .onConflictDoUpdate({ target: providerSettings.key, set: { value: policy, updatedBy: caller.userId, updatedAt: now } });
    await recordAudit(tx, caller, {
      action: "settings.update",
      tenantId: null,
      targetType: "provider_setting",
      targetId: UNKNOWN_ENDPOINT_POLICY_KEY,
      detail: { value: policy },
    });
  });
}
