import { describe, expect, it } from "vitest";
import type { ProductChoice } from "@/components/connections/connection-wizard";
import { resolveProductRegions } from "./product-regions";

const PRODUCTS: ProductChoice[] = [
  {
    id: "analytics",
    name: "Acme Analytics",
    regions: [
      { id: "analytics-use1", region: "us-east-1" },
      { id: "analytics-euw1", region: "eu-west-1" },
    ],
  },
  { id: "ledger", name: "Acme Ledger", regions: [{ id: "ledger-use1", region: "us-east-1" }] },
  { id: "vault", name: "Acme Vault", regions: [{ id: "vault-apse2", region: "ap-southeast-2" }] },
];

describe("resolveProductRegions", () => {
  it("offers the regions of one product and names nothing until one is chosen", () => {
    const one = resolveProductRegions(PRODUCTS, ["analytics"], "");
    expect(one.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(one.productRegionIds).toEqual([]);
    expect(resolveProductRegions(PRODUCTS, ["analytics"], "eu-west-1").productRegionIds).toEqual(["analytics-euw1"]);
  });

  it("offers only regions every chosen product has, choosing the only one", () => {
    const both = resolveProductRegions(PRODUCTS, ["analytics", "ledger"], "");
    expect(both.regions).toEqual(["us-east-1"]);
    expect(both.region).toBe("us-east-1");
    expect(both.productRegionIds).toEqual(["analytics-use1", "ledger-use1"]);
  });

  it("forgets a region the chosen products no longer share", () => {
    const after = resolveProductRegions(PRODUCTS, ["analytics", "ledger"], "eu-west-1");
    expect(after.region).toBe("us-east-1");
    const none = resolveProductRegions(PRODUCTS, ["analytics", "vault"], "us-east-1");
    expect(none).toEqual({ regions: [], region: "", productRegionIds: [] });
    expect(resolveProductRegions(PRODUCTS, [], "us-east-1").productRegionIds).toEqual([]);
  });
});
