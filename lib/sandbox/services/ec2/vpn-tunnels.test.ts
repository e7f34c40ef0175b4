import { describe, expect, it } from "vitest";
import { Prng } from "@/lib/sandbox/prng";
import { ec2RequestBucket } from "@/lib/sandbox/services/ec2/request-buckets";
import {
  generateInsideCidr,
  generatePreSharedKey,
  insideAddresses,
  validateInsideCidr,
  validatePreSharedKey,
} from "@/lib/sandbox/services/ec2/vpn-tunnels";

describe("VPN tunnel options", () => {
  it("accepts only non-reserved /30s inside 169.254.0.0/16", () => {
    expect(() => validateInsideCidr("169.254.10.0/30")).not.toThrow();
    for (const bad of ["169.254.10.0/29", "10.0.0.0/30", "169.254.3.0/30", "169.254.169.252/30", "169.254.10.1/30", "nope"]) {
      expect(() => validateInsideCidr(bad), bad).toThrow(/inside CIDR/);
    }
  });

  it("accepts pre-shared keys of 8-64 letters, digits, . and _ not starting with 0", () => {
    expect(() => validatePreSharedKey("abc.DEF_123")).not.toThrow();
    for (const bad of ["short", "0startsWithZero", "has-dash-in-it", "x".repeat(65)]) {
      expect(() => validatePreSharedKey(bad), bad).toThrow(/pre-shared key/);
    }
  });

  it("generates values that pass AWS's own rules", () => {
    const prng = new Prng(5);
    for (let i = 0; i < 50; i += 1) {
      expect(() => validatePreSharedKey(generatePreSharedKey(prng))).not.toThrow();
      expect(() => validateInsideCidr(generateInsideCidr(prng, new Set()))).not.toThrow();
    }
    expect(insideAddresses("169.254.44.88/30")).toEqual({ aws: "169.254.44.89", customer: "169.254.44.90" });
  });

  it("classifies EC2 actions into the documented request buckets", () => {
    expect(ec2RequestBucket("DescribeVpnConnections").name).toBe("non-mutating");
    expect(ec2RequestBucket("GetVpnConnectionDeviceTypes").name).toBe("non-mutating");
    expect(ec2RequestBucket("CreateVpnConnection")).toMatchObject({ name: "mutating", burst: 50, refillPerSecond: 5 });
    expect(ec2RequestBucket("CreateVpcEndpoint")).toMatchObject({ burst: 4, refillPerSecond: 0.3 });
    expect(ec2RequestBucket("AcceptVpcEndpointConnections")).toMatchObject({ burst: 10, refillPerSecond: 1 });
    expect(ec2RequestBucket("CreateTags")).toMatchObject({ burst: 100, refillPerSecond: 10 });
  });
});
