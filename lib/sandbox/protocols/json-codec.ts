import { JsonParams } from "@/lib/sandbox/protocols/json-params";
import type { ActionResult, WireRequest, WireResponse } from "@/lib/sandbox/protocols/wire";
import type { XmlValue } from "@/lib/sandbox/protocols/xml-writer";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { AuthFailureReason, Protocol } from "@/lib/sandbox/services/service";

const CONTENT_TYPE = "application/x-amz-json-1.1";

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** `X-Amz-Target: <prefix>.<Action>`: how JSON 1.1 requests name their action. */
export function jsonTarget(request: WireRequest, targetPrefix: string): string | null {
  const target = header(request.headers, "x-amz-target");
  if (!target?.startsWith(`${targetPrefix}.`)) return null;
  return target.slice(targetPrefix.length + 1);
}

/** Timestamps travel as epoch seconds in JSON protocols; absent members are left out. */
function toJson(value: XmlValue): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, child]) => [key, toJson(child)] as const)
        .filter(([, child]) => child !== undefined),
    );
  }
  return value;
}

/** The awsJson1_1 protocol (Route 53 Resolver, ACM...): POST / with a JSON body, action in X-Amz-Target. */
export function jsonCodec(targetPrefix: string): Protocol<JsonParams> {
  return {
    parse(request) {
      const action = jsonTarget(request, targetPrefix) ?? "";
      const contentType = header(request.headers, "content-type") ?? "";
      if (action && !contentType.startsWith(CONTENT_TYPE)) {
        throw new SandboxError("UnknownOperationException", `Requests must be sent as ${CONTENT_TYPE}.`);
      }
      return { action, params: JsonParams.parse(request.body), dryRun: false };
    },
    success(_action: string, requestId: string, result: ActionResult): WireResponse {
      return {
        status: 200,
        headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId },
        body: JSON.stringify(toJson(result)),
      };
    },
    error(status: number, code: string, message: string, requestId: string): WireResponse {
      return {
        status,
        headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId, "x-amzn-errortype": code },
        body: JSON.stringify({ __type: code, message }),
      };
    },
  };
}

/** How JSON services (Route 53 Resolver, ACM, CloudWatch Logs) refuse a request that fails authentication. */
export function jsonAuthError(reason: AuthFailureReason, region: string): SandboxError {
  if (reason === "unsupported-region") {
    return new SandboxError("UnrecognizedClientException", `The region '${region}' is not available in this cloud.`);
  }
  if (reason === "missing") return new SandboxError("MissingAuthenticationTokenException", "Missing Authentication Token");
  if (reason === "bad-signature") {
    return new SandboxError("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
  }
  return new SandboxError("UnrecognizedClientException", "The security token included in the request is invalid.");
}
