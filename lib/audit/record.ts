import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";

export interface AuditEntry {
  /** Dotted verb, e.g. `connection.create`, `invitation.accept`, `endpoint.reject`. */
  action: string;
  tenantId: string | null;
  targetType: string;
  targetId: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Writes one audit row. Call it inside the same transaction as the mutation so neither exists
 * without the other. `actor` is null for the system (the reconciler).
 */
export async function recordAudit(db: DbOrTx, actor: Caller | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor?.userId ?? null,
    actorEmail: actor?.email ?? "system",
    actorRole: actor?.role ?? "system",
    tenantId: entry.tenantId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: actor?.ip ?? null,
    detail: entry.detail ?? null,
  });
}
