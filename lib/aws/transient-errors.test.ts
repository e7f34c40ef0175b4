import { describe, expect, it } from "vitest";
import { isTransient } from "./errors";

const awsError = (name: string, httpStatusCode: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

describe("isTransient", () => {
  it("retries throttling and AWS's internal errors, whatever their HTTP status", () => {
    expect(isTransient(awsError("RequestLimitExceeded", 503))).toBe(true);
    expect(isTransient(awsError("ThrottlingException", 400))).toBe(true);
    expect(isTransient(awsError("InternalServiceErrorException", 400))).toBe(true);
    expect(isTransient(awsError("InternalError", 500))).toBe(true);
    expect(isTransient(awsError("ConcurrentMutationLimitExceeded", 400))).toBe(true);
    expect(isTransient(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(true);
  });

  it("leaves decisions for people to people", () => {
    expect(isTransient(awsError("VpcLimitExceeded", 400))).toBe(false);
    expect(isTransient(awsError("InvalidParameterValue", 400))).toBe(false);
    expect(isTransient(new Error("bug"))).toBe(false);
  });
});
