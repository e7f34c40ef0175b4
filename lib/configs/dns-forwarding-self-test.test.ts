import { describe, expect, it } from "vitest";
import { parseDnsForwardingInput } from "./dns-forwarding-input";
import { dnsSelfTests } from "./dns-forwarding-self-test";
import { powershellShapeProblems } from "./validators/powershell-shape";

const parsed = parseDnsForwardingInput({
  domains: ["analytics.acme-saas.example", "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"],
  resolverIps: ["10.20.1.10", "10.20.2.10"],
  testNames: ["analytics.acme-saas.example", "vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"],
});

describe("dnsSelfTests", () => {
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  const tests = dnsSelfTests(parsed.data);

  it("tests every name against each endpoint address, then through the local resolver", () => {
    expect(tests.map((test) => test.name)).toEqual(parsed.data.testNames);
    expect(tests[0].shell).toEqual([
      "dig +short @10.20.1.10 analytics.acme-saas.example",
      "dig +short @10.20.2.10 analytics.acme-saas.example",
      "dig analytics.acme-saas.example",
    ]);
    expect(tests[0].powershell).toEqual([
      "Resolve-DnsName -Name analytics.acme-saas.example -Server 10.20.1.10",
      "Resolve-DnsName -Name analytics.acme-saas.example -Server 10.20.2.10",
      "Resolve-DnsName -Name analytics.acme-saas.example -DnsOnly",
    ]);
  });

  it("writes PowerShell with only known cmdlets and parameters", () => {
    for (const test of tests) expect(powershellShapeProblems(test.powershell.join("\n"))).toEqual([]);
  });
});
