import type { FinalizeRequestMiddleware, MiddlewareStack } from "@smithy/types";
import { serviceOfClient } from "./aws-request-buckets";
import { processRateLimiter, type RateLimiter } from "./rate-limiter";

/**
 * Makes every request of an AWS SDK client wait for a token of Onramp's rate limiter first.
 *
 * It sits inside the SDK's retry loop (after retryMiddleware) so that each attempt, retries
 * included, costs a token as it does at AWS, and before signing, so that a long wait for a token
 * never sends an expired signature.
 */
const MIDDLEWARE_NAME = "onrampRateLimitMiddleware";

const limited = new WeakSet<object>();

// Each client's stack is typed by its own input/output unions; this middleware reads neither.
export function withRateLimit<I extends object, O extends object, C extends { middlewareStack: MiddlewareStack<I, O> }>(
  client: C & { middlewareStack: MiddlewareStack<I, O> },
  accountId: string,
  region: string,
  limiter: RateLimiter = processRateLimiter(),
): C {
  if (limited.has(client)) return client;
  const middleware: FinalizeRequestMiddleware<I, O> = (next, context) => async (args) => {
    const service = serviceOfClient(context.clientName);
    const action = context.commandName?.replace(/Command$/, "");
    if (service && action) await limiter.acquire(accountId, region, service, action);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(middleware, {
    name: MIDDLEWARE_NAME,
    relation: "before",
    toMiddleware: "httpSigningMiddleware",
    override: true,
  });
  limited.add(client);
  return client;
}
