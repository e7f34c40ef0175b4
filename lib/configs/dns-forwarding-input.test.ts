import { describe, expect, it } from "vitest";
import { dnsNameProblem, isWithinDomain, parseDnsForwardingInput, type DnsForwardingInput } from "./dns-forwarding-input";

const valid: DnsForwardingInput = {
  domains: ["analytics.acme-saas.example", "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"],
  resolverIps: ["10.20.1.10", "10.20.2.10"],
  testNames: ["analytics.acme-saas.example"],
};

function fieldErrorsFor(input: unknown): Record<string, string[]> {
  const result = parseDnsForwardingInput(input);
  if (result.ok) throw new Error("expected the input to be refused");
  expect(result.code).toBe("invalid_input");
  return result.fieldErrors ?? {};
}

describe("parseDnsForwardingInput", () => {
  it("accepts valid input and normalises names", () => {
    const result = parseDnsForwardingInput({
      domains: ["Analytics.ACME-SaaS.example.", " vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com "],
      resolverIps: [" 10.20.1.10", "10.20.2.10"],
      testNames: ["ANALYTICS.acme-saas.example."],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.data.domains).toEqual(["analytics.acme-saas.example", "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"]);
    expect(result.data.resolverIps).toEqual(["10.20.1.10", "10.20.2.10"]);
    expect(result.data.testNames).toEqual(["analytics.acme-saas.example"]);
    expect(result.data.vpcCidrs).toEqual([]);
  });

  it("drops repeated domains and domains a listed parent already covers", () => {
    const result = parseDnsForwardingInput({
      ...valid,
      domains: [
        "vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
        "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
        "analytics.acme-saas.example",
        "Analytics.acme-saas.example",
      ],
      testNames: ["analytics.acme-saas.example", "vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.data.domains).toEqual(["vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com", "analytics.acme-saas.example"]);
    expect(result.data.testNames).toHaveLength(2);
  });

  it("keeps sibling domains that only share a suffix string", () => {
    const result = parseDnsForwardingInput({ ...valid, domains: ["example.com", "badexample.com"], testNames: ["badexample.com"] });
    expect(result.ok && result.data.domains).toEqual(["example.com", "badexample.com"]);
  });

  it.each([
    ['x.example"; }; zone "evil.example'],
    ["line\nbreak.example"],
    ["$(id).example"],
    ["`id`.example"],
    ["evil.example; rm -rf /"],
    ["evil.example/10.0.0.1"],
    ["a'b.example"],
    ["{x}.example"],
    ["x#comment.example"],
    ["under_score.example"],
    ["*.example.com"],
    ["-leading.example"],
    ["trailing-.example"],
    ["two..dots.example"],
    [".leading.example"],
    ["spa ce.example"],
    ["münchen.example"],
    ["localhost"],
    ["com"],
    ["1.2.3.4"],
    [`${"a".repeat(64)}.example`],
    [`${"abcdefghi.".repeat(26)}example`],
    [""],
  ])("refuses the domain %j", (domain) => {
    const errors = fieldErrorsFor({ ...valid, domains: [domain], testNames: ["x.example"] });
    expect(errors.domains?.length).toBeGreaterThan(0);
  });

  it.each([
    ["10.0.0.1; rm -rf /"],
    ["10.0.0.1\n10.0.0.2"],
    ["10.0.0.256"],
    ["10.0.0"],
    ["10.0.0.1.5"],
    ["010.0.0.1"],
    ["10.0.0.1/32"],
    ["10.0.0.1#53"],
    ["::1"],
    ["fd00::53"],
    ["resolver.example"],
    ["0.0.0.0"],
    ["127.0.0.1"],
    ["169.254.169.253"],
    ["169.254.10.10"],
    ["224.0.0.251"],
    ["255.255.255.255"],
    ["240.0.0.1"],
  ])("refuses the resolver address %j", (ip) => {
    const errors = fieldErrorsFor({ ...valid, resolverIps: [ip, "10.20.2.10"] });
    expect(errors.resolverIps?.length).toBeGreaterThan(0);
  });

  it("names the Amazon DNS link-local address as the VPC resolver", () => {
    const errors = fieldErrorsFor({ ...valid, resolverIps: ["169.254.169.253", "10.20.2.10"] });
    expect(errors.resolverIps?.join(" ")).toMatch(/inbound endpoint/);
  });

  it("needs two distinct addresses", () => {
    expect(fieldErrorsFor({ ...valid, resolverIps: ["10.20.1.10"] }).resolverIps?.join(" ")).toMatch(/at least 2/);
    expect(fieldErrorsFor({ ...valid, resolverIps: ["10.20.1.10", "10.20.1.10"] }).resolverIps?.join(" ")).toMatch(/twice/);
  });

  it("refuses the VPC's +2 resolver and addresses outside the landing VPC when the VPC is known", () => {
    const plusTwo = fieldErrorsFor({ ...valid, resolverIps: ["10.20.0.2", "10.20.2.10"], vpcCidrs: ["10.20.0.0/16"] });
    expect(plusTwo.resolverIps?.join(" ")).toMatch(/VPC's own resolver/);
    const secondBlock = fieldErrorsFor({ ...valid, resolverIps: ["10.20.1.10", "10.30.0.2"], vpcCidrs: ["10.20.0.0/16", "10.30.0.0/24"] });
    expect(secondBlock.resolverIps?.join(" ")).toMatch(/10\.30\.0\.0\/24 plus two/);
    const outside = fieldErrorsFor({ ...valid, resolverIps: ["10.20.1.10", "192.168.1.10"], vpcCidrs: ["10.20.0.0/16"] });
    expect(outside.resolverIps?.join(" ")).toMatch(/not inside the landing VPC/);
    const reserved = fieldErrorsFor({ ...valid, resolverIps: ["10.20.1.10", "10.20.255.255"], vpcCidrs: ["10.20.0.0/16"] });
    expect(reserved.resolverIps?.join(" ")).toMatch(/reserves/);
    expect(parseDnsForwardingInput({ ...valid, vpcCidrs: ["10.20.0.0/16"] }).ok).toBe(true);
  });

  it.each([["10.20.0.0/8"], ["10.20.0.1/16"], ["10.20.0.0/29"], ["10.20.0.0"], ["x"]])("refuses the VPC CIDR %j", (cidr) => {
    expect(fieldErrorsFor({ ...valid, vpcCidrs: [cidr] }).vpcCidrs?.length).toBeGreaterThan(0);
  });

  it("refuses test names that forwarding would not cover", () => {
    const errors = fieldErrorsFor({ ...valid, testNames: ["www.example.com"] });
    expect(errors.testNames?.join(" ")).toMatch(/not under any forwarded domain/);
    expect(fieldErrorsFor({ ...valid, testNames: ["bad name.example"] }).testNames?.length).toBe(1);
  });

  it.each([[null], ["text"], [{}], [{ ...valid, domains: "analytics.acme-saas.example" }], [{ ...valid, resolverIps: [10, 11] }], [{ ...valid, testNames: [] }]])(
    "refuses malformed input %#",
    (input) => {
      expect(parseDnsForwardingInput(input).ok).toBe(false);
    },
  );

  it("bounds list sizes", () => {
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.example`);
    expect(fieldErrorsFor({ ...valid, domains: many, testNames: ["d0.example"] }).domains?.join(" ")).toMatch(/at most 20/);
  });

  it("keeps messages short and printable even for hostile input", () => {
    const errors = fieldErrorsFor({ ...valid, domains: [`evil\u0000\n${"x".repeat(500)}.example`], testNames: ["x.example"] });
    for (const message of errors.domains ?? []) {
      expect(message.length).toBeLessThan(200);
      expect(message).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});

describe("dnsNameProblem and isWithinDomain", () => {
  it("accepts the names AWS gives interface endpoints", () => {
    expect(dnsNameProblem("vpce-0a1b2c3d4e5f60718-abcdefgh-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")).toBeNull();
    expect(dnsNameProblem("xn--mnchen-3ya.example")).toBeNull();
  });

  it("matches on label boundaries", () => {
    expect(isWithinDomain("a.example.com", "example.com")).toBe(true);
    expect(isWithinDomain("example.com", "example.com")).toBe(true);
    expect(isWithinDomain("badexample.com", "example.com")).toBe(false);
  });
});
