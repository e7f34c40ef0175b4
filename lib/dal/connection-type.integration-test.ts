import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { connections, productRegions } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { findConnectionKind } from "./connection-type";
import { registerSandboxProducts } from "./products";

let own: Caller;
let outsider: Caller;
let support: Caller;
let tenant: { id: string; name: string };
let siteToSiteId: string;
let privateLinkId: string;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  const [region] = await db.select({ id: productRegions.id }).from(productRegions).limit(1);
  tenant = await createTenant(db, "Kind Tenant");
  const other = await createTenant(db, "Other Kind Tenant");
  own = await createUser(db, { role: "customer_viewer", tenantId: tenant.id });
  outsider = await createUser(db, { role: "customer_admin", tenantId: other.id });
  support = await createUser(db, { role: "provider_support" });
  const rows = await db
    .insert(connections)
    .values([
      { tenantId: tenant.id, location: "on_premises", type: "site_to_site", params: { siteName: "Kind site" }, status: "provisioning" },
      { tenantId: tenant.id, location: "aws", type: "privatelink", productRegionId: region?.id, awsAccountId: "111122223333", status: "allowlisting" },
    ])
    .returning({ id: connections.id, type: connections.type });
  siteToSiteId = rows.find((row) => row.type === "site_to_site")?.id ?? "";
  privateLinkId = rows.find((row) => row.type === "privatelink")?.id ?? "";
});

describe("findConnectionKind", () => {
  it("tells the connection page which type it shows, with the tenant's name", async () => {
    expect(await findConnectionKind(getDb(), own, siteToSiteId)).toEqual({ type: "site_to_site", tenantId: tenant.id, tenantName: "Kind Tenant" });
    expect((await findConnectionKind(getDb(), support, privateLinkId)).type).toBe("privatelink");
  });

  it("answers another tenant, and an unknown id, 'not found'", async () => {
    await expect(findConnectionKind(getDb(), outsider, siteToSiteId)).rejects.toMatchObject({ code: "not_found" });
    await expect(findConnectionKind(getDb(), own, "0b5c9a3e-4a52-4f8e-9d1e-2f1f5f0f6a11")).rejects.toMatchObject({ code: "not_found" });
  });
});
