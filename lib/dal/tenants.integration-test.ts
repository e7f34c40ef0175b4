import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, connections, endpointConnections, invitations, productRegions, products, tenants } from "@/db/schema";
import type { ConnectionStatus } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { createTenant as createTenantFixture, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { createTenantAction } from "@/app/(app)/support/actions";
import { decodeCursor } from "./page-cursor";
import { getTenant, listTenantsPage, providerTotals, slugify } from "./tenants";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "portal.test" }) }));

const db = getDb();
const TENANTS = 3_000;
let support: Caller;

/** Walks every page in one direction, as the dashboard's Next/Previous links would. */
async function walk(search: string | undefined, direction: "after" | "before", start: string | null) {
  const seen: string[] = [];
  let cursor = start;
  for (let guard = 0; guard < 1_000; guard++) {
    const page = await listTenantsPage(db, support, { search, cursor: decodeCursor(cursor), direction, limit: 100 });
    const ids = page.rows.map((r) => r.id);
    if (direction === "after") seen.push(...ids);
    else seen.unshift(...ids);
    cursor = direction === "after" ? page.next : page.previous;
    if (!cursor) return seen;
  }
  throw new Error("paging did not end");
}

beforeAll(async () => {
  support = await createUser(db, { role: "provider_support" });
  // Names repeat (three tenants per name, in mixed case) so the id tie-break is exercised.
  const rows = Array.from({ length: TENANTS }, (_, i) => {
    const n = i % 1_000;
    const name = `${i % 2 ? "Org" : "org"} ${String(n).padStart(4, "0")}${n % 7 === 0 ? " Logistics" : ""}`;
    return { name, slug: `org-${i}` };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(tenants).values(rows.slice(i, i + 500));
});

describe("listTenantsPage", () => {
  it(`pages forward and backward through ${TENANTS} tenants in the database's order, without gaps or repeats`, async () => {
    const expected = (await db.select({ id: tenants.id }).from(tenants).orderBy(sql`lower(${tenants.name})`, asc(tenants.id))).map((r) => r.id);
    const forward = await walk(undefined, "after", null);
    expect(forward).toHaveLength(expected.length);
    expect(forward).toEqual(expected);

    const lastPage = await listTenantsPage(db, support, { limit: 100 });
    expect(lastPage.previous).toBeNull();
    // From a cursor in the middle, walking back reaches the first tenant in order.
    const middle = await listTenantsPage(db, support, { limit: 100, cursor: decodeCursor(lastPage.next), direction: "after" });
    expect(middle.previous).not.toBeNull();
    const backward = await walk(undefined, "before", middle.previous);
    expect(backward).toEqual(expected.slice(0, 100));
  });

  it("searches names and slugs case-insensitively and pages the matches", async () => {
    const matches = await walk("LOGISTICS", "after", null);
    const expected = await db.select({ id: tenants.id }).from(tenants).where(sql`lower(${tenants.name}) like '%logistics%'`);
    expect(matches).toHaveLength(expected.length);
    expect(new Set(matches)).toEqual(new Set(expected.map((r) => r.id)));

    const bySlug = await listTenantsPage(db, support, { search: "org-2999" });
    expect(bySlug.rows.map((r) => r.slug)).toEqual(["org-2999"]);

    // LIKE wildcards are searched for literally.
    expect((await listTenantsPage(db, support, { search: "%" })).rows).toEqual([]);
    expect((await listTenantsPage(db, support, { search: "_" })).rows).toEqual([]);
  });

  it("ignores a tampered cursor instead of failing", async () => {
    const page = await listTenantsPage(db, support, { cursor: { k: "x", id: "not-a-uuid" }, limit: 5 });
    expect(page.rows).toHaveLength(5);
    expect(decodeCursor("%%%")).toBeNull();
  });

  it("counts each page's connections by status, and the provider totals", async () => {
    const [product] = await db.insert(products).values({ slug: "p", name: "P" }).returning();
    if (!product) throw new Error("no product");
    const [region] = await db
      .insert(productRegions)
      .values({ productId: product.id, region: "us-east-1", serviceId: "vpce-svc-0123456789abcdef0", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", zoneIds: [], ports: [443], acceptanceRequired: true })
      .returning();
    if (!region) throw new Error("no region");
    const first = await listTenantsPage(db, support, { limit: 3 });
    const [t1, t2] = first.rows;
    if (!t1 || !t2) throw new Error("no tenants");
    const statuses: Array<[string, ConnectionStatus]> = [
      [t1.id, "available"],
      [t1.id, "available"],
      [t1.id, "awaiting_endpoint"],
      [t1.id, "removed"],
      [t2.id, "failed"],
      [t2.id, "accepting"],
    ];
    await db.insert(connections).values(
      statuses.map(([tenantId, status], i) => ({
        tenantId,
        status,
        location: "aws" as const,
        type: "privatelink" as const,
        productRegionId: region.id,
        awsAccountId: String(100000000000 + i),
      })),
    );
    await db.insert(endpointConnections).values({ productRegionId: region.id, vpcEndpointId: "vpce-0aaaaaaaaaaaaaaaa", ownerAccountId: "999999999999", awsState: "pendingAcceptance", decision: "held" });

    const page = await listTenantsPage(db, support, { limit: 3 });
    expect(page.rows[0]?.connections).toEqual({ available: 2, inProgress: 1, failed: 0 });
    expect(page.rows[1]?.connections).toEqual({ available: 0, inProgress: 1, failed: 1 });
    expect(page.rows[2]?.connections).toEqual({ available: 0, inProgress: 0, failed: 0 });

    const totals = await providerTotals(db, support);
    expect(totals.connections).toEqual({ available: 2, inProgress: 2, failed: 1 });
    expect(totals.heldEndpointRequests).toBe(1);
    expect(totals.tenants).toBeGreaterThanOrEqual(TENANTS);
  });

  it("is for provider staff only", async () => {
    const tenant = await createTenantFixture(db, "Customer Org");
    const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
    await expect(listTenantsPage(db, admin, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(providerTotals(db, admin)).rejects.toMatchObject({ code: "forbidden" });
    const other = await createTenantFixture(db, "Other Org");
    expect(await getTenant(db, admin, other.id)).toBeNull();
    expect(await getTenant(db, admin, tenant.id)).toMatchObject({ name: "Customer Org" });
  });
});

describe("createTenantAction", () => {
  it("creates a tenant with a derived unique slug, invites its first admin and audits both", async () => {
    setTestCaller(support);
    const first = await createTenantAction({ name: "Globex Corporation", firstAdminEmail: "Boss@Globex.example" });
    if (!first.ok) throw new Error(first.message);
    expect(first.data).toMatchObject({ name: "Globex Corporation", slug: "globex-corporation", delivery: { email: "boss@globex.example", emailed: false } });
    expect(first.data.delivery?.link).toMatch(/^http:\/\/portal\.test\/invite\//);
    const [invitation] = await db.select().from(invitations).where(eq(invitations.tenantId, first.data.tenantId));
    expect(invitation).toMatchObject({ email: "boss@globex.example", role: "customer_admin" });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "tenant.create"), eq(auditLog.targetId, first.data.tenantId)))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "invitation.create"), eq(auditLog.tenantId, first.data.tenantId)))).toHaveLength(1);

    const second = await createTenantAction({ name: "Globex: Corporation!" });
    expect(second).toMatchObject({ ok: true, data: { slug: "globex-corporation-2", delivery: null } });
  });

  it("refuses duplicate names and bad input with field errors, writing nothing", async () => {
    setTestCaller(support);
    const before = (await db.select({ id: tenants.id }).from(tenants)).length;
    await createTenantAction({ name: "Initech" });
    const after = before + 1;
    expect(await createTenantAction({ name: "INITECH" })).toMatchObject({ ok: false, code: "conflict", fieldErrors: { name: expect.any(Array) } });
    for (const name of ["", "x", "a".repeat(101), "bad\u0000name", "---"]) {
      expect(await createTenantAction({ name })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: expect.any(Array) } });
    }
    expect(await createTenantAction({ name: "Fine Name", firstAdminEmail: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { firstAdminEmail: expect.any(Array) },
    });
    expect((await db.select({ id: tenants.id }).from(tenants)).length).toBe(after);
  });

  it("rolls the tenant back when its first admin cannot be invited", async () => {
    setTestCaller(support);
    const result = await createTenantAction({ name: "Rolled Back Ltd", firstAdminEmail: support.email });
    expect(result).toMatchObject({ ok: false, code: "conflict", fieldErrors: { firstAdminEmail: expect.any(Array) } });
    expect(await db.select().from(tenants).where(eq(tenants.name, "Rolled Back Ltd"))).toHaveLength(0);
  });

  it("is forbidden to customers", async () => {
    const tenant = await createTenantFixture(db, "Some Customer");
    setTestCaller(await createUser(db, { role: "customer_admin", tenantId: tenant.id }));
    expect(await createTenantAction({ name: "Sneaky" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("slugify", () => {
  it("makes URL-safe slugs", () => {
    expect(slugify("Société Générale  (EU)")).toBe("societe-generale-eu");
    expect(slugify("日本")).toBe("tenant");
    expect(slugify("a".repeat(80))).toHaveLength(48);
  });
});
