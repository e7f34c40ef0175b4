import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { definePlan, type RunFailure } from "@/lib/engine/plan";
import { allowAccount, withdrawAccount, type PrivateLinkDeps } from "./account-access";
import { privateLinkPlanInput } from "./plan-input";
import { transition } from "./transitions";

/**
 * PrivateLink as a plan for the provisioning engine: one step, the account's access to the
 * endpoint service. The engine runs it, retries AWS's throttling and transient errors with backoff,
 * resumes it after a crash, and on removal runs its undo. Accepting the customer's endpoint is not
 * a step: it happens whenever the customer creates one, so the reconciler watches for it.
 */
export const PRIVATELINK_PLAN = "privatelink";

export const privateLinkOutputs = {
  allowlist: z.object({ principal: z.string() }),
};

/** The connection shows a failed run as "failed", with the step's error, until support retries. */
async function markFailed(tx: Tx, failure: RunFailure): Promise<void> {
  const removing = failure.direction === "deprovision";
  await transition(tx, {
    connectionId: failure.connectionId,
    from: [removing ? "removing" : "allowlisting"],
    to: "failed",
    set: { errorCode: failure.code, errorMessage: failure.message },
    event: { kind: "failed", message: `${removing ? "Removing the connection" : "Allow-listing the account"} failed: ${failure.message}` },
    actor: null,
    audit: { action: "connection.fail", detail: { step: failure.step, direction: failure.direction, code: failure.code } },
  });
}

export function createPrivateLinkPlan(deps: PrivateLinkDeps) {
  return definePlan({
    name: PRIVATELINK_PLAN,
    input: privateLinkPlanInput,
    outputs: privateLinkOutputs,
    steps: {
      allowlist: {
        dependsOn: [],
        run: (ctx) => allowAccount(deps, ctx),
        undo: (ctx) => withdrawAccount(deps, ctx),
      },
    },
    onRunFailed: markFailed,
  });
}

export const privateLinkPlan = createPrivateLinkPlan({ db: getDb });
