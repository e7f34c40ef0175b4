import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return user ?? null;
}

/** The user as the database has it now: a session outlives role changes and removals, this does not. */
export async function findActiveUser(db: Db, id: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)))
    .limit(1);
  return user ?? null;
}
