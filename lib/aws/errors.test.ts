import { describe, expect, it } from "vitest";
import { AwsResponseError, awsErrorCode, isAwsError, isNotFound, isTransient, safeAwsMessage } from "./errors";

/** Shaped like the SDK's ServiceException: name = AWS code, HTTP status in $metadata. */
function sdkError(name: string, status: number, message = "arn:aws:iam::123456789012:root is secret"): Error {
  const error = new Error(message);
  error.name = name;
  Object.defineProperty(error, "$metadata", { value: { httpStatusCode: status } });
  return error;
}

describe("AWS error classification", () => {
  it("treats throttling, internal errors, 5xx and network failures as transient", () => {
    expect(isTransient(sdkError("RequestLimitExceeded", 503))).toBe(true);
    expect(isTransient(sdkError("InternalError", 500))).toBe(true);
    expect(isTransient(sdkError("SomethingNew", 502))).toBe(true);
    expect(isTransient(Object.assign(new Error("socket"), { code: "ECONNRESET" }))).toBe(true);
  });

  it("treats client errors as permanent", () => {
    expect(isTransient(sdkError("InvalidParameterValue", 400))).toBe(false);
    expect(isTransient(sdkError("UnauthorizedOperation", 403))).toBe(false);
    expect(isNotFound(sdkError("InvalidVpcEndpointServiceId.NotFound", 400))).toBe(true);
  });

  it("names the code but never repeats AWS's message", () => {
    const error = sdkError("InvalidParameterValue", 400);
    expect(awsErrorCode(error)).toBe("InvalidParameterValue");
    expect(safeAwsMessage(error)).not.toContain("123456789012");
    expect(safeAwsMessage(sdkError("RequestLimitExceeded", 503))).toMatch(/retry/);
  });

  it("tells AWS errors from Onramp's own", () => {
    expect(isAwsError(sdkError("InternalError", 500))).toBe(true);
    expect(isAwsError(new AwsResponseError("InternalError", "x"))).toBe(true);
    expect(isAwsError(new Error("a bug"))).toBe(false);
    expect(awsErrorCode(new Error("a bug"))).toBe("Unknown");
  });
});
