import { describe, expect, it } from "vitest";
import { JsonParams } from "@/lib/sandbox/protocols/json-params";

describe("JsonParams", () => {
  it("reads members and answers Smithy-style validation errors", () => {
    const params = JsonParams.parse(JSON.stringify({ Name: "x", Count: 2, Ips: [{ SubnetId: "s" }], Ids: ["a"] }));
    expect(params.requiredString("Name")).toBe("x");
    expect(params.integer("Count")).toBe(2);
    expect(params.structList("Ips")[0]?.requiredString("SubnetId")).toBe("s");
    expect(params.list("Ids")).toEqual(["a"]);
    expect(() => params.requiredString("CreatorRequestId")).toThrow(
      "1 validation error detected: Value null at 'creatorRequestId' failed to satisfy constraint: Member must not be null",
    );
    expect(() => params.structList("Ips")[0]?.requiredString("Ip")).toThrow(/at 'ips.1.member.ip'/);
    expect(() => JsonParams.parse("{nope")).toThrow(/structure/);
    expect(JsonParams.parse('{"b":1,"a":{"d":1,"c":2}}').fingerprint([])).toBe(JsonParams.parse('{"a":{"c":2,"d":1},"b":1}').fingerprint([]));
  });
});
