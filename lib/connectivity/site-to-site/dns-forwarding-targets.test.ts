import { describe, expect, it } from "vitest";
import { siteToSiteDnsTargets } from "./dns-forwarding-targets";

const svc = "vpce-svc-0a1b2c3d4e5f60718.us-east-1.vpce.amazonaws.com";
const ledgerSvc = "vpce-svc-0fedcba9876543210.us-east-1.vpce.amazonaws.com";

const facts = {
  landingCidr: "10.128.0.0/24",
  resolverIps: ["10.128.0.10", "10.128.0.74"],
  privateDnsNames: ["analytics.acme-saas.example"],
  endpoints: [
    {
      dnsNames: [
        `vpce-0123456789abcdef0-ab12cd34.${svc}`,
        `vpce-0123456789abcdef0-ab12cd34-us-east-1a.${svc}`,
        `vpce-0123456789abcdef0-ab12cd34-us-east-1b.${svc}`,
        "analytics.acme-saas.example",
      ],
    },
    { dnsNames: [`vpce-0aaaaaaaaaaaaaaaa-zz99yy88-us-east-1a.${ledgerSvc}`, `vpce-0aaaaaaaaaaaaaaaa-zz99yy88.${ledgerSvc}`] },
  ],
};

describe("DNS forwarding targets of a Site-to-Site connection", () => {
  it("forwards each private DNS name and one domain per endpoint service, tested by name", () => {
    const result = siteToSiteDnsTargets(facts);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.domains).toEqual(["analytics.acme-saas.example", svc, ledgerSvc]);
    expect(result.data.resolverIps).toEqual(["10.128.0.10", "10.128.0.74"]);
    expect(result.data.testNames).toEqual([
      "analytics.acme-saas.example",
      `vpce-0123456789abcdef0-ab12cd34.${svc}`,
      `vpce-0aaaaaaaaaaaaaaaa-zz99yy88.${ledgerSvc}`,
    ]);
  });

  it("forwards a wildcard private DNS name's domain", () => {
    const result = siteToSiteDnsTargets({ ...facts, privateDnsNames: ["*.api.acme-saas.example"], endpoints: [] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.domains).toEqual(["api.acme-saas.example"]);
  });

  it("refuses a resolver address outside the landing network, or its +2 resolver", () => {
    const outside = siteToSiteDnsTargets({ ...facts, resolverIps: ["10.128.0.10", "10.200.0.10"] });
    expect(outside.ok).toBe(false);
    const plusTwo = siteToSiteDnsTargets({ ...facts, resolverIps: ["10.128.0.2", "10.128.0.10"] });
    expect(plusTwo.ok).toBe(false);
    if (!plusTwo.ok) expect(plusTwo.fieldErrors?.resolverIps?.[0]).toContain("plus two");
  });
});
