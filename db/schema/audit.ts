import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per mutation and per secret download. Actor fields are copied, not referenced, so the
 * trail survives the deletion of users and tenants.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorEmail: text(),
    actorRole: text(),
    tenantId: uuid(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    ip: text(),
    detail: jsonb().$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_tenant_at_idx").on(t.tenantId, t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
  ],
);
