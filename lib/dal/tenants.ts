import "server-only";
import { and, count, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { endpointConnections, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant, requireProviderStaff } from "@/lib/auth/tenant-scope";
import { normalizeEmail } from "@/lib/auth/users";
import { countAllConnections, countConnectionsByTenant, emptyCounts, type ConnectionCounts } from "@/lib/dal/connection-list";
import { createInvitation } from "@/lib/dal/invitations";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";
import { likePattern, toPage, type Cursor, type Page, type PageDirection } from "./page-cursor";

export interface TenantSummary {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

export interface TenantListRow extends TenantSummary {
  connections: ConnectionCounts;
}

export async function getTenant(db: DbOrTx, caller: Caller, tenantId: string): Promise<TenantSummary | null> {
  if (!isUuid(tenantId) || !canSeeTenant(caller, tenantId)) return null;
  const [row] = await db
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, createdAt: tenants.createdAt })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return row ?? null;
}

const sortKey = sql<string>`lower(${tenants.name})`;

/**
 * One page of tenants for the support dashboard, ordered by name, with each tenant's connection
 * counts. The counts come from one grouped query over this page's tenants only, so the cost of a
 * page does not grow with the number of tenants.
 */
export async function listTenantsPage(
  db: Db,
  caller: Caller,
  options: { search?: string; cursor?: Cursor | null; direction?: PageDirection; limit?: number },
): Promise<Page<TenantListRow>> {
  requireProviderStaff(caller);
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  const direction = options.direction ?? "after";
  // A cursor is read from the URL: one whose id is not a uuid would make PostgreSQL reject the query.
  const cursor = options.cursor && isUuid(options.cursor.id) ? options.cursor : null;
  const conditions: SQL[] = [];
  const term = options.search?.trim().toLowerCase();
  if (term) {
    const pattern = likePattern(term);
    const matches = or(sql`${sortKey} like ${pattern}`, sql`${tenants.slug} like ${pattern}`);
    if (matches) conditions.push(matches);
  }
  if (cursor) {
    // Written as a range on lower(name) plus a tie-break, so the lower(name) index serves it.
    const keyed =
      direction === "after"
        ? and(gte(sortKey, cursor.k), or(gt(sortKey, cursor.k), gt(tenants.id, cursor.id)))
        : and(lte(sortKey, cursor.k), or(lt(sortKey, cursor.k), lt(tenants.id, cursor.id)));
    if (keyed) conditions.push(keyed);
  }
  const order = direction === "after" ? [sql`${sortKey} asc`, sql`${tenants.id} asc`] : [sql`${sortKey} desc`, sql`${tenants.id} desc`];
  const fetched = await db
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, createdAt: tenants.createdAt, key: sortKey })
    .from(tenants)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);

  const page = toPage(fetched, { limit, direction, hadCursor: cursor !== null, keyOf: (r) => ({ k: r.key, id: r.id }) });
  const counts = await countConnectionsByTenant(db, caller, page.rows.map((r) => r.id));
  return {
    ...page,
    rows: page.rows.map(({ key: _key, ...tenant }) => ({ ...tenant, connections: counts.get(tenant.id) ?? emptyCounts() })),
  };
}

export interface ProviderTotals {
  tenants: number;
  connections: ConnectionCounts;
  heldEndpointRequests: number;
}

/** The figures at the top of the support dashboard. */
export async function providerTotals(db: Db, caller: Caller): Promise<ProviderTotals> {
  requireProviderStaff(caller);
  const [[tenantCount], totals, [held]] = await Promise.all([
    db.select({ n: count() }).from(tenants),
    countAllConnections(db, caller),
    db.select({ n: count() }).from(endpointConnections).where(eq(endpointConnections.decision, "held")),
  ]);
  return { tenants: tenantCount?.n ?? 0, connections: totals, heldEndpointRequests: held?.n ?? 0 };
}

/** A URL-safe identifier from a display name: "Globex Corporation" -> "globex-corporation". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "tenant";
}

/**
 * Creates a tenant with a unique slug derived from its name and, when an address is given, the
 * invitation for its first admin, both in one transaction: a tenant is never left half set up.
 */
export async function createTenant(
  db: Db,
  caller: Caller,
  input: { name: string; firstAdminEmail?: string },
): Promise<{ tenant: TenantSummary; invitation: { token: string; email: string; tenantName: string } | null }> {
  requireProviderStaff(caller);
  return db.transaction(async (tx) => {
    const tenant = await insertTenant(tx, caller, input.name.trim());
    if (!input.firstAdminEmail) return { tenant, invitation: null };
    const email = normalizeEmail(input.firstAdminEmail);
    try {
      const created = await createInvitation(tx, caller, { tenantId: tenant.id, email, role: "customer_admin" });
      return { tenant, invitation: { token: created.token, email, tenantName: tenant.name } };
    } catch (error) {
      // createInvitation names the field `email`; here the form calls it `firstAdminEmail`.
      if (error instanceof AppError && error.fieldErrors?.email) {
        throw new AppError(error.code, error.message, { firstAdminEmail: error.fieldErrors.email });
      }
      throw error;
    }
  });
}

async function insertTenant(tx: Tx, caller: Caller, name: string): Promise<TenantSummary> {
  const [sameName] = await tx.select({ id: tenants.id }).from(tenants).where(eq(sortKey, name.toLowerCase())).limit(1);
  if (sameName) throw new AppError("conflict", "A tenant with this name already exists.", { name: ["A tenant with this name already exists."] });

  const base = slugify(name);
  // `on conflict do nothing` instead of catching the unique violation: a failed statement would
  // abort the surrounding transaction on PostgreSQL.
  for (let attempt = 1; attempt <= 50; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    const [row] = await tx
      .insert(tenants)
      .values({ name, slug, createdBy: caller.userId })
      .onConflictDoNothing()
      .returning({ id: tenants.id, name: tenants.name, slug: tenants.slug, createdAt: tenants.createdAt });
    if (!row) continue;
    await recordAudit(tx, caller, { action: "tenant.create", tenantId: row.id, targetType: "tenant", targetId: row.id, detail: { name, slug } });
    return row;
  }
  throw new AppError("conflict", "Too many tenants have a similar name; choose a more specific one.", { name: ["Choose a more specific name."] });
}

/** A tenant by slug, for support tools that accept the short name people say out loud. */
export async function findTenantIdBySlug(db: Db, caller: Caller, slug: string): Promise<string | null> {
  requireProviderStaff(caller);
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug.toLowerCase())).limit(1);
  return row?.id ?? null;
}
