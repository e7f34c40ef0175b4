import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connectionEvents, connections, type SiteToSiteStatus } from "@/db/schema";
import { releaseLandingCidr } from "@/lib/ipam/allocations";
import { deleteSecrets } from "./connection-secrets";

/**
 * The two moments the engine changes a Site-to-Site connection's row: everything is ready, and
 * everything is gone. Both are compare-and-set on the status, so a repeat does nothing.
 */
async function move(db: DbOrTx, connectionId: string, from: SiteToSiteStatus[], set: Partial<typeof connections.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(connections)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.type, "site_to_site"), inArray(connections.status, from)))
    .returning({ id: connections.id });
  return rows.length > 0;
}

export async function markAvailable(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await move(tx, connectionId, ["provisioning"], { status: "available", availableAt: new Date(), errorCode: null, errorMessage: null });
    if (moved) await tx.insert(connectionEvents).values({ connectionId, kind: "available", message: "The VPN, the interface endpoints and the inbound resolver are ready." });
  });
}

/** The end of a removal: the landing block goes back to the pool and the keys are destroyed. */
export async function markRemoved(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await releaseLandingCidr(tx, connectionId);
    await deleteSecrets(tx, connectionId);
    const moved = await move(tx, connectionId, ["removing"], { status: "removed", removedAt: new Date() });
    if (moved) await tx.insert(connectionEvents).values({ connectionId, kind: "removed", message: "Every AWS resource of this connection was deleted." });
  });
}
