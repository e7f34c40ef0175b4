import { describe, expect, it } from "vitest";
import { DEFAULT_LANDING_POOL, landingPoolConfig } from "@/lib/ipam/landing-pool";

function messages(value: unknown): string[] {
  const result = landingPoolConfig.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("landing pool configuration", () => {
  it("accepts the default", () => {
    expect(messages(DEFAULT_LANDING_POOL)).toEqual([]);
    expect(messages({ cidrs: ["10.128.0.0/12", "100.64.0.0/16"], blockPrefix: "22" })).toEqual([]);
  });

  it("refuses pools AWS would not take as VPC space, malformed, too small or overlapping", () => {
    expect(messages({ cidrs: [], blockPrefix: 24 })).toEqual(["The landing pool needs at least one CIDR."]);
    expect(messages({ cidrs: ["10.128.0.1/12"], blockPrefix: 24 })).toEqual(["10.128.0.1/12 is not a canonical IPv4 CIDR."]);
    expect(messages({ cidrs: ["8.8.0.0/16"], blockPrefix: 24 })).toEqual([
      "8.8.0.0/16 is outside the private ranges AWS accepts for VPCs (RFC 1918, 100.64.0.0/10).",
    ]);
    expect(messages({ cidrs: ["10.128.0.0/25"], blockPrefix: 24 })).toEqual(["10.128.0.0/25 is smaller than one /24 block."]);
    expect(messages({ cidrs: ["10.128.0.0/12", "10.130.0.0/16"], blockPrefix: 24 })).toEqual(["10.130.0.0/16 overlaps 10.128.0.0/12."]);
    expect(messages({ cidrs: ["10.128.0.0/12"], blockPrefix: 15 })).toEqual(["Landing blocks are VPC CIDRs: /16 to /28."]);
    expect(messages({ cidrs: ["10.128.0.0/12"], blockPrefix: 29 })).toEqual(["Landing blocks are VPC CIDRs: /16 to /28."]);
  });
});
