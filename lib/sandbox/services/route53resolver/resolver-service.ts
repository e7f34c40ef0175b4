import { jsonAuthError, jsonCodec, jsonTarget } from "@/lib/sandbox/protocols/json-codec";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ServiceDefinition } from "@/lib/sandbox/services/service";
import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { ensureDefaultVpc } from "@/lib/sandbox/services/ec2/network-records";
import { resolverEndpointActions } from "@/lib/sandbox/services/route53resolver/resolver-endpoint-actions";

const TARGET_PREFIX = "Route53Resolver";

/**
 * Route 53 Resolver over JSON 1.1. Its endpoints live in EC2's VPCs and subnets, so it shares the
 * region's state. Every error is HTTP 400, as the API reference documents them.
 */
export const route53ResolverService: ServiceDefinition<JsonParams> = {
  signingName: "route53resolver",
  recognizes: (request) => jsonTarget(request, TARGET_PREFIX) !== null,
  protocol: jsonCodec(TARGET_PREFIX),
  actions: resolverEndpointActions,
  authError: jsonAuthError,
  // "Route 53 Resolver allows 5 requests/s" (AWS-FACTS.md): one bucket per account and region.
  throttleError: () => new SandboxError("ThrottlingException", "Rate exceeded"),
  internalError: () => new SandboxError("InternalServiceErrorException", "We encountered an unknown error. Try again in a few minutes."),
  requestBucket: () => ({ name: "route53resolver", burst: 5, refillPerSecond: 5 }),
  prepare: ensureDefaultVpc,
};
