import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { isProviderRole, type Role } from "@/lib/auth/permissions";

export interface TestTenant {
  id: string;
  name: string;
  slug: string;
}

function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

export async function createTenant(db: Db, name: string): Promise<TestTenant> {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "tenant";
  const [row] = await db
    .insert(tenants)
    .values({ name, slug: `${base}-${uniqueSuffix()}` })
    .returning({ id: tenants.id, name: tenants.name, slug: tenants.slug });
  if (!row) throw new Error("tenant insert returned nothing");
  return row;
}

/**
 * Inserts an active user and returns them as a Caller, ready for `setTestCaller`. The password is
 * hashed only when given, because argon2id is deliberately slow.
 */
export async function createUser(
  db: Db,
  options: { role: Role; tenantId?: string | null; email?: string; name?: string; password?: string },
): Promise<Caller> {
  const tenantId = isProviderRole(options.role) ? null : (options.tenantId ?? null);
  if (!isProviderRole(options.role) && !tenantId) throw new Error(`a ${options.role} needs a tenantId`);
  const email = (options.email ?? `${options.role.replace("_", "-")}-${uniqueSuffix()}@test.example`).toLowerCase();
  const [row] = await db
    .insert(users)
    .values({
      email,
      name: options.name ?? email.split("@")[0] ?? email,
      role: options.role,
      tenantId,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId });
  if (!row) throw new Error("user insert returned nothing");
  return { userId: row.id, email: row.email, name: row.name, role: row.role, tenantId: row.tenantId, ip: "203.0.113.10" };
}
