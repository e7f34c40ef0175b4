import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";
import type { ActionContext } from "@/lib/sandbox/services/service";

const EXCLUDED = ["Action", "Version", "ClientToken", "DryRun"];

/**
 * ClientToken idempotency: the same token with the same parameters answers what the first call
 * created; with different parameters it is IdempotentParameterMismatch. Returns the id created
 * earlier, or null when this token is new.
 */
export function replayedResource(context: ActionContext): string | null {
  const token = context.params.string("ClientToken");
  if (token === undefined) return null;
  if (token.length > 64 || !/^[\x20-\x7e]*$/.test(token)) {
    throw invalidParameterValue("ClientToken must be at most 64 ASCII characters.");
  }
  const entry = context.regionState.clientTokens[`${context.accountId}:${context.action}:${token}`];
  if (!entry) return null;
  if (entry.fingerprint !== context.params.fingerprint(EXCLUDED)) {
    throw new SandboxError(
      "IdempotentParameterMismatch",
      `The client token '${token}' has already been used with different request parameters.`,
    );
  }
  return entry.resourceId;
}

export function rememberClientToken(context: ActionContext, resourceId: string): void {
  const token = context.params.string("ClientToken");
  if (token === undefined) return;
  context.regionState.clientTokens[`${context.accountId}:${context.action}:${token}`] = {
    fingerprint: context.params.fingerprint(EXCLUDED),
    resourceId,
  };
}
