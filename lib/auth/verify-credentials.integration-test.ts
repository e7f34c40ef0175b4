import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { MAX_FAILURES_PER_EMAIL } from "./rate-limit";
import { TooManyAttempts, verifyCredentials } from "./verify-credentials";

const db = getDb();
const PASSWORD = "a long enough password";

describe("verifyCredentials", () => {
  it("signs in with the right password, records the time and audits it", async () => {
    const tenant = await createTenant(db, "Sign-in Tenant");
    const user = await createUser(db, { role: "customer_admin", tenantId: tenant.id, password: PASSWORD });
    const result = await verifyCredentials(db, { email: user.email.toUpperCase(), password: PASSWORD }, "192.0.2.1");
    expect(result).toEqual({ id: user.userId, email: user.email, name: user.name });
    const [row] = await db.select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, user.userId));
    expect(row?.lastSignInAt).toBeInstanceOf(Date);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in"));
    expect(audit).toMatchObject({ actorUserId: user.userId, tenantId: tenant.id, ip: "192.0.2.1" });
  });

  it("returns null for a wrong password, an unknown address and malformed input", async () => {
    const user = await createUser(db, { role: "provider_support", password: PASSWORD });
    expect(await verifyCredentials(db, { email: user.email, password: "wrong password" }, null)).toBeNull();
    expect(await verifyCredentials(db, { email: "nobody@example.com", password: PASSWORD }, null)).toBeNull();
    expect(await verifyCredentials(db, { email: "not an address", password: PASSWORD }, null)).toBeNull();
    expect(await verifyCredentials(db, { email: user.email, password: "x".repeat(5000) }, null)).toBeNull();
  });

  it(`blocks the attempt after ${MAX_FAILURES_PER_EMAIL} failures for one address, even with the right password`, async () => {
    const user = await createUser(db, { role: "provider_admin", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      // Different source addresses: the per-address limit must hold on its own.
      expect(await verifyCredentials(db, { email: user.email, password: `wrong ${i}` }, `203.0.113.${i + 1}`)).toBeNull();
    }
    await expect(verifyCredentials(db, { email: user.email, password: PASSWORD }, "203.0.113.99")).rejects.toBeInstanceOf(TooManyAttempts);
    await expect(verifyCredentials(db, { email: user.email, password: PASSWORD }, "203.0.113.99")).rejects.toMatchObject({ code: "rate_limited" });

    const other = await createUser(db, { role: "provider_admin", password: PASSWORD });
    expect(await verifyCredentials(db, { email: other.email, password: PASSWORD }, "203.0.113.1")).not.toBeNull();
  });
});
