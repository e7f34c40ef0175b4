import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, tenants, type ConnectivityType } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { AppError } from "@/lib/errors";

export interface ConnectionKind {
  type: ConnectivityType;
  tenantId: string;
  tenantName: string;
}

/**
 * Which kind of connection an id names, so the connection page can hand it to that type's reader.
 * Another tenant's connection is "not found", like one that does not exist.
 */
export async function findConnectionKind(db: DbOrTx, caller: Caller, connectionId: string): Promise<ConnectionKind> {
  const [row] = await db
    .select({ type: connections.type, tenantId: connections.tenantId, tenantName: tenants.name })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(eq(connections.id, connectionId))
    .limit(1);
  if (!row || !canSeeTenant(caller, row.tenantId)) throw new AppError("not_found", "This connection does not exist.");
  return row;
}
