import { describe, expect, it } from "vitest";
import { firstParam, hrefWith } from "./search-params";

describe("firstParam", () => {
  it("takes the first value, trimmed and bounded", () => {
    expect(firstParam({ q: ["  acme ", "x"] }, "q")).toBe("acme");
    expect(firstParam({ q: "a".repeat(500) }, "q", 10)).toBe("a".repeat(10));
    expect(firstParam({ q: "   " }, "q")).toBeUndefined();
    expect(firstParam({}, "q")).toBeUndefined();
  });
});

describe("hrefWith", () => {
  it("drops empty values and encodes the rest", () => {
    expect(hrefWith("/support", { q: "a&b", after: null, before: "" })).toBe("/support?q=a%26b");
    expect(hrefWith("/support", {})).toBe("/support");
  });
});
