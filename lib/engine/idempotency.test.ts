import { describe, expect, it } from "vitest";
import { idempotencyToken } from "./idempotency";

describe("idempotencyToken", () => {
  it("is stable per run, step and purpose, ASCII and within AWS's 64 characters", () => {
    const token = idempotencyToken("5b0e9a2c-1111-4c4c-8888-123456789abc", "interfaceEndpoint-analytics");
    expect(token).toBe(idempotencyToken("5b0e9a2c-1111-4c4c-8888-123456789abc", "interfaceEndpoint-analytics"));
    expect(token.length).toBeLessThanOrEqual(64);
    expect(token).toMatch(/^[\x21-\x7e]+$/);
    expect(idempotencyToken("run", "a")).not.toBe(idempotencyToken("run", "b"));
    expect(idempotencyToken("run", "a")).not.toBe(idempotencyToken("run2", "a"));
    expect(idempotencyToken("run", "a", "create")).not.toBe(idempotencyToken("run", "a", "route"));
  });
});
