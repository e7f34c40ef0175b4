import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "@/app/(app)/connections/new/actions";
import { registerProduct } from "@/app/(app)/support/products/actions";
import { getDb } from "@/db/client";
import { auditLog, connectionEvents, connections, productRegions, products } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { listProducts, registerSandboxProducts } from "@/lib/dal/products";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";

// Hostile callers send anything, not what the types allow; a method signature lets us do the same.
interface UntypedAction {
  call(input: unknown): ReturnType<typeof createConnection>;
}
const raw: UntypedAction = { call: createConnection };

let admin: Caller;
let productRegionId: string;

beforeAll(async () => {
  const db = getDb();
  await registerSandboxProducts(db);
  const region = (await listProducts(db))[0]?.regions[0];
  if (!region) throw new Error("no product registered");
  productRegionId = region.id;
  admin = await createUser(db, { role: "customer_admin", tenantId: (await createTenant(db, "Vandelay")).id });
});

async function rowCounts() {
  const db = getDb();
  const [c] = await db.select({ n: count() }).from(connections);
  const [e] = await db.select({ n: count() }).from(connectionEvents);
  const [a] = await db.select({ n: count() }).from(auditLog);
  const [p] = await db.select({ n: count() }).from(products);
  const [r] = await db.select({ n: count() }).from(productRegions);
  return { c: c?.n, e: e?.n, a: a?.n, p: p?.n, r: r?.n };
}

describe("bad input to createConnection", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["11 digits", { awsAccountId: "12345678901" }, "awsAccountId"],
    ["13 digits", { awsAccountId: "1234567890123" }, "awsAccountId"],
    ["letters", { awsAccountId: "12345678901a" }, "awsAccountId"],
    ["an ARN", { awsAccountId: "arn:aws:iam::123456789012:root" }, "awsAccountId"],
    ["empty", { awsAccountId: "" }, "awsAccountId"],
    ["a number", { awsAccountId: 123456789012 }, "awsAccountId"],
    ["huge", { awsAccountId: "1".repeat(100_000) }, "awsAccountId"],
    ["no product", { productRegionId: "" }, "productRegionId"],
    ["not a uuid", { productRegionId: "'; drop table connections; --" }, "productRegionId"],
    ["unknown product region", { productRegionId: randomUUID() }, "productRegionId"],
    ["label with markup", { label: "<script>alert(1)</script>" }, "label"],
    ["label with control characters", { label: "prod\u0000\u202Evpc" }, "label"],
    ["label too long", { label: "a".repeat(65) }, "label"],
  ];

  it.each(cases)("refuses %s with a field error and writes nothing", async (_name, override, field) => {
    setTestCaller(admin);
    const before = await rowCounts();
    const result = await raw.call({ awsAccountId: "123456789012", productRegionId, ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(result.message).not.toMatch(/drizzle|sql|stack|Error:/i);
    expect(await rowCounts()).toEqual(before);
  });

  it("accepts an account ID pasted with dashes, and refuses the same one twice", async () => {
    setTestCaller(admin);
    const first = await createConnection({ awsAccountId: "1234-5678-9012", productRegionId });
    expect(first.ok).toBe(true);
    const before = await rowCounts();
    const second = await createConnection({ awsAccountId: "123456789012", productRegionId });
    expect(second.ok ? null : second.fieldErrors?.awsAccountId?.length).toBeGreaterThan(0);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("bad input to registerProduct", () => {
  it("refuses bad slugs, regions and service ids, unknown services, and services without acceptance", async () => {
    const db = getDb();
    setTestCaller(await createUser(db, { role: "provider_admin" }));
    const base = { productSlug: "reports", productName: "Acme Reports", region: "us-east-1", serviceId: "vpce-svc-0123456789abcdef0" };
    const before = await rowCounts();
    const bad: Array<[Record<string, string>, string]> = [
      [{ productSlug: "Has Spaces" }, "productSlug"],
      [{ productName: "<img src=x onerror=alert(1)>" }, "productName"],
      [{ region: "mars-north-1a" }, "region"],
      [{ serviceId: "vpce-0123456789abcdef0" }, "serviceId"],
      [{}, "serviceId"],
    ];
    for (const [override, field] of bad) {
      const result = await registerProduct({ ...base, ...override });
      expect(result.ok ? null : Object.keys(result.fieldErrors ?? {})).toContain(field);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
