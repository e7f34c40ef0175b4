import "server-only";
import { and, eq, gt, gte, ilike, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, tenants } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { isProviderRole } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/search-params";
import { likePattern, toPage, type Cursor, type Page, type PageDirection } from "./page-cursor";

export interface AuditEntryRow {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorRole: string | null;
  tenantId: string | null;
  tenantName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  detail: Record<string, string | number | boolean | null> | null;
}

export interface AuditFilters {
  /** Only honoured for provider staff; customers always see their own tenant. */
  tenantId?: string;
  action?: string;
  /** Case-insensitive part of the actor's e-mail address. */
  actorEmail?: string;
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  fromDay?: string;
  toDay?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string | undefined, offsetDays = 0): Date | null {
  if (!day || !DAY.test(day)) return null;
  const at = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(at.getTime())) return null;
  at.setUTCDate(at.getUTCDate() + offsetDays);
  return at;
}

// The exact database value of `at` (microseconds) goes into the cursor; a JavaScript Date keeps
// only milliseconds and would skip or repeat rows at page boundaries.
const atKey = sql<string>`${auditLog.at}::text`;

/**
 * The audit trail newest first, keyset-paged on (at, id). Customers get their tenant's rows
 * whatever the filters say; provider staff see every tenant and may narrow to one.
 */
export async function listAuditEntries(
  db: Db,
  caller: Caller,
  options: { filters?: AuditFilters; cursor?: Cursor | null; direction?: PageDirection; limit?: number },
): Promise<Page<AuditEntryRow>> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const direction = options.direction ?? "after";
  const filters = options.filters ?? {};
  const cursor = options.cursor && /^\d+$/.test(options.cursor.id) && !Number.isNaN(Date.parse(options.cursor.k)) ? options.cursor : null;

  const conditions: SQL[] = [];
  if (isProviderRole(caller.role)) {
    if (filters.tenantId && isUuid(filters.tenantId)) conditions.push(eq(auditLog.tenantId, filters.tenantId));
  } else if (caller.tenantId) {
    conditions.push(eq(auditLog.tenantId, caller.tenantId));
  } else {
    return { rows: [], next: null, previous: null };
  }
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actorEmail?.trim()) conditions.push(ilike(auditLog.actorEmail, likePattern(filters.actorEmail.trim())));
  const from = dayStart(filters.fromDay);
  if (from) conditions.push(gte(auditLog.at, from));
  const until = dayStart(filters.toDay, 1);
  if (until) conditions.push(lt(auditLog.at, until));

  if (cursor) {
    const at = sql`${cursor.k}::timestamptz`;
    const id = Number(cursor.id);
    // "after" walks towards older rows (the list is newest first).
    const keyed =
      direction === "after"
        ? and(lte(auditLog.at, at), or(lt(auditLog.at, at), lt(auditLog.id, id)))
        : and(gte(auditLog.at, at), or(gt(auditLog.at, at), gt(auditLog.id, id)));
    if (keyed) conditions.push(keyed);
  }

  const order = direction === "after" ? [sql`${auditLog.at} desc`, sql`${auditLog.id} desc`] : [sql`${auditLog.at} asc`, sql`${auditLog.id} asc`];
  const fetched = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      key: atKey,
      actorEmail: auditLog.actorEmail,
      actorRole: auditLog.actorRole,
      tenantId: auditLog.tenantId,
      tenantName: tenants.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(tenants, eq(tenants.id, auditLog.tenantId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);

  const page = toPage(fetched, { limit, direction, hadCursor: cursor !== null, keyOf: (r) => ({ k: r.key, id: String(r.id) }) });
  return { ...page, rows: page.rows.map(({ key: _key, ...row }) => row) };
}

// Both drivers answer raw SQL with `{ rows }`; parsing keeps the shape checked rather than assumed.
const actionRows = z.object({ rows: z.array(z.object({ action: z.string() })) });

/**
 * The distinct actions in the log, for the filter menu. A loose index scan over the (action, at)
 * index: one index probe per distinct action instead of reading the whole log.
 */
export async function listAuditActions(db: Db): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive actions(action) as (
      (select ${auditLog.action} from ${auditLog} order by ${auditLog.action} limit 1)
      union all
      select (select a.action from ${auditLog} a where a.action > actions.action order by a.action limit 1)
      from actions where actions.action is not null
    )
    select action from actions where action is not null
  `);
  return actionRows.parse(result).rows.map((r) => r.action);
}
