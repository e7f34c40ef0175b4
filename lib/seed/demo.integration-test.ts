import { statSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, tenants, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { dataDir } from "@/lib/env";
import { DEMO_PEOPLE, seedDemo } from "./demo";
import { demoSignInsPath, readDemoSignIns } from "./demo-sign-ins";

describe("demo seed", () => {
  it("creates the demo tenants and people with the passwords it keeps in the data folder", async () => {
    const db = getDb();
    const signIns = await seedDemo(db, dataDir);
    expect(signIns.map((s) => s.email).sort()).toEqual(DEMO_PEOPLE.map((p) => p.email).sort());
    expect(readDemoSignIns(dataDir)).toEqual(signIns);
    expect(statSync(demoSignInsPath(dataDir)).mode & 0o777).toBe(0o600);

    const alice = signIns.find((s) => s.email === "alice@globex.example");
    const [row] = await db.select().from(users).where(eq(users.email, "alice@globex.example"));
    expect(row?.role).toBe("customer_admin");
    expect(alice && row?.passwordHash && (await verifyPassword(row.passwordHash, alice.password))).toBe(true);

    const [globex] = await db.select().from(tenants).where(eq(tenants.name, "Globex Corporation"));
    expect(row?.tenantId).toBe(globex?.id);
    const [provider] = await db.select().from(users).where(eq(users.email, "admin@provider.example"));
    expect(provider).toMatchObject({ role: "provider_admin", tenantId: null });
  });

  it("is idempotent: a second run changes nothing and keeps the passwords", async () => {
    const db = getDb();
    const before = readDemoSignIns(dataDir);
    const auditBefore = await db.select().from(auditLog);
    const again = await seedDemo(db, dataDir);
    expect(again).toEqual(before);
    expect(await db.select().from(tenants)).toHaveLength(2);
    expect(await db.select().from(users)).toHaveLength(DEMO_PEOPLE.length);
    expect(await db.select().from(auditLog)).toHaveLength(auditBefore.length);
  });
});
