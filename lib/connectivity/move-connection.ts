import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, type SiteToSiteStatus } from "@/db/schema";

/**
 * The engine's status changes on a plan-driven connection's row (Site-to-Site, Client VPN):
 * compare-and-set on the type and status, so a repeat does nothing. True when the row moved.
 */
export async function moveConnection(
  db: DbOrTx,
  connectionId: string,
  type: "site_to_site" | "client_vpn",
  from: SiteToSiteStatus[],
  set: Partial<typeof connections.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(connections)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.type, type), inArray(connections.status, from)))
    .returning({ id: connections.id });
  return rows.length > 0;
}
