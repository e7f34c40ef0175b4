import { jsonAuthError, jsonCodec, jsonTarget } from "@/lib/sandbox/protocols/json-codec";
import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { logGroupActions } from "@/lib/sandbox/services/logs/log-group-actions";
import type { ServiceDefinition } from "@/lib/sandbox/services/service";

const TARGET_PREFIX = "Logs_20140328";

/**
 * CloudWatch Logs over JSON 1.1: the log groups and streams Client VPN delivers its connection log
 * to, and the reads (FilterLogEvents) the portal shows them with. Requests are not rate-limited
 * here: Logs' per-action rates (5 to 25 per second) are not in AWS-FACTS.md; the portal's limiter
 * keeps its own conservative bucket.
 */
export const logsService: ServiceDefinition<JsonParams> = {
  signingName: "logs",
  recognizes: (request) => jsonTarget(request, TARGET_PREFIX) !== null,
  protocol: jsonCodec(TARGET_PREFIX),
  actions: logGroupActions,
  authError: jsonAuthError,
  throttleError: () => new SandboxError("ThrottlingException", "Rate exceeded"),
  internalError: () => new SandboxError("ServiceUnavailableException", "The service cannot complete the request.", 500),
};
