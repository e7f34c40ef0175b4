import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/connections/abc?tab=dns")).toBe("/connections/abc?tab=dns");
    expect(safeCallbackPath("/support")).toBe("/support");
  });

  it.each([
    ["https://evil.example/", "absolute URL"],
    ["//evil.example", "protocol-relative URL"],
    ["/\\evil.example", "backslash host"],
    ["/ok\\..\\x", "backslash anywhere"],
    ["javascript:alert(1)", "script URL"],
    ["/a\nb", "control characters"],
    ["/sign-in?callbackUrl=/x", "a loop back to sign-in"],
    ["/api/auth/signout", "an API route"],
    ["", "empty"],
  ])("drops %s (%s)", (raw) => {
    expect(safeCallbackPath(raw)).toBeNull();
  });

  it("drops missing and oversized values", () => {
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBeNull();
  });
});
