import { createHash } from "node:crypto";

/**
 * The idempotency token of one step of one run: the same on every retry and after any restart, so
 * AWS answers a repeated create with the resource it already made. AWS takes at most 64 ASCII
 * characters (ClientToken, CreatorRequestId); a digest keeps any run id and step name within that.
 */
export function idempotencyToken(runId: string, stepName: string, purpose = "create"): string {
  const digest = createHash("sha256").update(`${runId}\u0000${stepName}\u0000${purpose}`).digest("hex");
  return `onramp-${digest.slice(0, 56)}`;
}
