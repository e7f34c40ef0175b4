import { jsonAuthError, jsonCodec, jsonTarget } from "@/lib/sandbox/protocols/json-codec";
import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { certificateActions } from "@/lib/sandbox/services/acm/certificate-actions";
import type { ServiceDefinition } from "@/lib/sandbox/services/service";

const TARGET_PREFIX = "CertificateManager";

/**
 * AWS Certificate Manager over JSON 1.1: the certificates Client VPN endpoints present and trust.
 * Only imported certificates exist here (no RequestCertificate: nothing can validate a domain).
 * Requests are not rate-limited: ACM's per-action rates are not in AWS-FACTS.md and were not verified.
 */
export const acmService: ServiceDefinition<JsonParams> = {
  signingName: "acm",
  recognizes: (request) => jsonTarget(request, TARGET_PREFIX) !== null,
  protocol: jsonCodec(TARGET_PREFIX),
  actions: certificateActions,
  authError: jsonAuthError,
  throttleError: () => new SandboxError("ThrottlingException", "Rate exceeded"),
  internalError: () => new SandboxError("InternalFailure", "The request processing has failed because of an unknown error.", 500),
};
