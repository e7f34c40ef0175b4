/**
 * Classifies whatever an AWS SDK call threw. Workflows retry transient failures with their own
 * backoff; everything else is a decision for a person, so it is shown with a safe message.
 */
const TRANSIENT_CODES = new Set([
  "RequestLimitExceeded",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "InternalError",
  "InternalFailure",
  // Route 53 Resolver answers these with HTTP 400 but asks callers to retry.
  "InternalServiceErrorException",
  "ServiceUnavailableException",
  "ServiceUnavailable",
  "Unavailable",
  "RequestTimeout",
  "RequestTimeoutException",
  // A Client VPN endpoint refuses an eleventh concurrent operation; it succeeds once one finishes.
  "ConcurrentMutationLimitExceeded",
  "TimeoutError",
  "NetworkingError",
]);

const NETWORK_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

function field(error: unknown, key: string): unknown {
  return error !== null && typeof error === "object" ? Reflect.get(error, key) : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = field(field(error, "$metadata"), "httpStatusCode");
  return typeof status === "number" ? status : undefined;
}

/** AWS's error code (`InvalidVpcEndpointServiceId.NotFound`, …), or a network code, or "Unknown". */
export function awsErrorCode(error: unknown): string {
  const network = field(error, "code");
  if (typeof network === "string" && NETWORK_ERROR_CODES.has(network)) return network;
  const code = field(error, "Code") ?? field(error, "name");
  return typeof code === "string" && code !== "Error" ? code : "Unknown";
}

export function isTransient(error: unknown): boolean {
  const code = awsErrorCode(error);
  if (TRANSIENT_CODES.has(code) || NETWORK_ERROR_CODES.has(code)) return true;
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 500) return true;
  // The SDK marks throttling and clock-skew errors it considers retryable.
  const retryable = field(error, "$retryable");
  return retryable !== undefined && retryable !== null;
}

/** Whether the error came from AWS (or the way to it) rather than from Onramp itself. */
export function isAwsError(error: unknown): boolean {
  if (error instanceof AwsResponseError) return true;
  if (field(error, "$metadata") !== undefined) return true;
  const network = field(error, "code");
  return typeof network === "string" && NETWORK_ERROR_CODES.has(network);
}

export function isNotFound(error: unknown): boolean {
  return awsErrorCode(error).endsWith(".NotFound");
}

const SAFE_MESSAGES: Record<string, string> = {
  UnauthorizedOperation: "Onramp's AWS role is not allowed to do this. Check the provider's IAM policy.",
  AuthFailure: "AWS did not accept Onramp's credentials.",
  "InvalidVpcEndpointServiceId.NotFound": "The endpoint service does not exist in this region.",
  "InvalidVpcEndpointService.NotFound": "The endpoint service does not exist in this region.",
  "InvalidVpcEndpointId.NotFound": "The interface endpoint no longer exists.",
  InvalidParameterValue: "AWS refused a value Onramp sent.",
  InvalidParameter: "AWS refused a value Onramp sent.",
};

/**
 * A message that can be shown to customers and support. It names the AWS error code (useful to
 * support and harmless) but never repeats AWS's own text, which can carry ARNs and account ids.
 */
export function safeAwsMessage(error: unknown): string {
  const code = awsErrorCode(error);
  if (isTransient(error)) return `AWS is busy or unavailable right now (${code}); Onramp will retry.`;
  return SAFE_MESSAGES[code] ?? `AWS refused the request (${code}).`;
}

/** For a response that is well-formed but lacks what was asked for; coded like AWS's own errors. */
export class AwsResponseError extends Error {
  constructor(
    readonly Code: string,
    message: string,
  ) {
    super(message);
    this.name = Code;
  }
}
