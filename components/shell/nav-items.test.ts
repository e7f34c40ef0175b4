import { describe, expect, it } from "vitest";
import { homePathFor, navItemsFor } from "./nav-items";

const hrefs = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((i) => i.href);

describe("navItemsFor", () => {
  it("gives customers their tenant's area only", () => {
    expect(hrefs("customer_admin")).toEqual(["/connections", "/team", "/activity"]);
    expect(hrefs("customer_viewer")).toEqual(["/connections", "/team", "/activity"]);
  });

  it("gives provider staff the support area, settings to admins only", () => {
    expect(hrefs("provider_support")).toEqual([
      "/support",
      "/support/connections",
      "/support/client-vpn",
      "/support/endpoints",
      "/support/products",
      "/support/audit",
    ]);
    expect(hrefs("provider_admin")).toContain("/support/settings");
  });

  it("sends each role to its home", () => {
    expect(homePathFor("customer_viewer")).toBe("/connections");
    expect(homePathFor("provider_support")).toBe("/support");
  });
});
