import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getCaller } from "@/lib/auth/caller";
import { guardedAction } from "@/lib/auth/guard";
import { verifyPassword } from "@/lib/auth/password";
import { createTenant, createUser } from "./fixtures";
import { setTestCaller } from "./session";

const whoAmI = guardedAction({ permission: "connection.create", input: z.object({ note: z.string().max(5) }) }, async (input, caller) => {
  revalidatePath("/connections");
  return { userId: caller.userId, note: input.note };
});

describe("test harness", () => {
  it("gives the guard whichever caller the test sets", async () => {
    const db = getDb();
    const tenant = await createTenant(db, "Harness Co");
    const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
    const viewer = await createUser(db, { role: "customer_viewer", tenantId: tenant.id });

    setTestCaller(null);
    expect(await getCaller()).toBeNull();
    expect(await whoAmI({ note: "hi" })).toMatchObject({ ok: false, code: "unauthenticated" });

    setTestCaller(viewer);
    expect(await whoAmI({ note: "hi" })).toMatchObject({ ok: false, code: "forbidden" });

    setTestCaller(admin);
    expect(await whoAmI({ note: "hi" })).toEqual({ ok: true, data: { userId: admin.userId, note: "hi" } });
    expect(await whoAmI({ note: "too long" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { note: expect.any(Array) } });
    expect(revalidatePath).toHaveBeenCalledWith("/connections");
  });

  it("creates provider staff without a tenant and hashes a given password", async () => {
    const db = getDb();
    const staff = await createUser(db, { role: "provider_admin", email: "Boss@Provider.Example", password: "correct horse" });
    expect(staff).toMatchObject({ tenantId: null, email: "boss@provider.example", role: "provider_admin" });
    const [row] = await db.select().from(users).where(eq(users.id, staff.userId));
    expect(row?.passwordHash && (await verifyPassword(row.passwordHash, "correct horse"))).toBe(true);
  });

  it("starts every file with an empty database", async () => {
    const rows = await getDb().select({ id: users.id }).from(users);
    // Only the two earlier tests of this file have written here.
    expect(rows).toHaveLength(3);
  });
});
