import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { findUserByEmail } from "@/lib/auth/users";
import { type DemoSignIn, generateDemoSignIns, readDemoSignIns, writeDemoSignIns } from "./demo-sign-ins";

const DEMO_TENANTS = [
  { slug: "globex-corporation", name: "Globex Corporation" },
  { slug: "initech", name: "Initech" },
] as const;

type DemoTenantSlug = (typeof DEMO_TENANTS)[number]["slug"];

interface DemoPerson {
  label: string;
  email: string;
  name: string;
  role: Role;
  tenant: DemoTenantSlug | null;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { label: "Provider admin", email: "admin@provider.example", name: "Pat Provider", role: "provider_admin", tenant: null },
  { label: "Provider support", email: "support@provider.example", name: "Sam Support", role: "provider_support", tenant: null },
  { label: "Globex admin", email: "alice@globex.example", name: "Alice Globex", role: "customer_admin", tenant: "globex-corporation" },
  { label: "Globex viewer", email: "victor@globex.example", name: "Victor Globex", role: "customer_viewer", tenant: "globex-corporation" },
  { label: "Initech admin", email: "irene@initech.example", name: "Irene Initech", role: "customer_admin", tenant: "initech" },
];

async function ensureTenant(db: Db, slug: string, name: string): Promise<string> {
  const [existing] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tenants).values({ name, slug }).returning({ id: tenants.id });
    if (!row) throw new Error(`creating demo tenant ${slug} returned nothing`);
    await recordAudit(tx, null, { action: "tenant.create", tenantId: row.id, targetType: "tenant", targetId: row.id, detail: { name, slug, source: "demo_seed" } });
    return row.id;
  });
}

/**
 * Creates the demo tenants and users if they are missing; safe to run at every start. Passwords
 * are generated once per data folder and kept there. If that file is new but the users already
 * exist (the file was deleted), their passwords are reset so the printed sign-ins work.
 */
export async function seedDemo(db: Db, dataDir: string): Promise<DemoSignIn[]> {
  mkdirSync(dataDir, { recursive: true });
  const kept = readDemoSignIns(dataDir);
  const fresh = !kept || !DEMO_PEOPLE.every((p) => kept.some((s) => s.email === p.email));
  const signIns = fresh ? generateDemoSignIns(DEMO_PEOPLE) : kept;
  if (fresh) writeDemoSignIns(dataDir, signIns);

  const tenantIds = new Map<string, string>();
  for (const t of DEMO_TENANTS) tenantIds.set(t.slug, await ensureTenant(db, t.slug, t.name));

  for (const person of DEMO_PEOPLE) {
    const password = signIns.find((s) => s.email === person.email)?.password;
    if (!password) throw new Error(`no demo password for ${person.email}`);
    const tenantId = person.tenant ? (tenantIds.get(person.tenant) ?? null) : null;
    const existing = await findUserByEmail(db, person.email);
    if (existing && !fresh) continue;
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      if (existing) {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, existing.id));
        await recordAudit(tx, null, { action: "user.password_reset", tenantId: existing.tenantId, targetType: "user", targetId: existing.id, detail: { source: "demo_seed" } });
        return;
      }
      const [row] = await tx
        .insert(users)
        .values({ email: person.email, name: person.name, role: person.role, tenantId, passwordHash })
        .returning({ id: users.id });
      if (!row) throw new Error(`creating demo user ${person.email} returned nothing`);
      await recordAudit(tx, null, { action: "user.create", tenantId, targetType: "user", targetId: row.id, detail: { email: person.email, role: person.role, source: "demo_seed" } });
    });
  }
  return signIns;
}
