import { describe, expect, it } from "vitest";
import { deviceInput } from "./devices";

describe("the add-device form", () => {
  it("takes a name and an optional expiry with its offset", () => {
    expect(deviceInput.parse({ name: "  Front desk  ", expiresAt: "" })).toEqual({ name: "Front desk", expiresAt: null });
    expect(deviceInput.parse({ name: "Laptop" })).toEqual({ name: "Laptop", expiresAt: null });
    expect(deviceInput.parse({ name: "Laptop", expiresAt: "2027-03-01T17:30:00+01:00" }).expiresAt).toEqual(new Date("2027-03-01T16:30:00Z"));
  });

  it("answers field by field", () => {
    const result = deviceInput.safeParse({ name: " ", expiresAt: "next week" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["name", "Give the device or person a name."],
      ["expiresAt", "Enter a valid date and time."],
    ]);
    expect(deviceInput.safeParse({ name: "x".repeat(65) }).success).toBe(false);
  });
});
