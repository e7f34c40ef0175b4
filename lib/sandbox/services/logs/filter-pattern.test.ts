import { describe, expect, it } from "vitest";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { parseFilterPattern } from "./filter-pattern";

describe("CloudWatch Logs filter patterns (the subset the sandbox speaks)", () => {
  it("matches every term, bare or quoted, case-sensitively; an empty pattern matches all", () => {
    const revoked = parseFilterPattern('"client certificate revoked" failed');
    expect(revoked('{"status":"failed","reason":"client certificate revoked"}')).toBe(true);
    expect(revoked('{"status":"failed","reason":"client certificate expired"}')).toBe(false);
    expect(revoked('{"status":"FAILED","reason":"client certificate revoked"}')).toBe(false);
    expect(parseFilterPattern('"say \\"hi\\""')('they say "hi"')).toBe(true);
    expect(parseFilterPattern(undefined)("anything")).toBe(true);
    expect(parseFilterPattern("  ")("anything")).toBe(true);
  });

  it("refuses the syntax it does not emulate rather than matching it wrongly", () => {
    for (const pattern of ['{ $.status = "failed" }', "[ip, user]", "?ERROR ?WARN", "-debug", '"unterminated']) {
      expect(() => parseFilterPattern(pattern)).toThrow(SandboxError);
    }
  });
});
