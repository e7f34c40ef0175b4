import type { DbOrTx } from "@/db/client";
import { connectionEvents } from "@/db/schema";
import { releaseLandingCidr } from "@/lib/ipam/allocations";
import { moveConnection } from "../move-connection";
import { deleteSecrets } from "./connection-secrets";

/**
 * The two moments the engine changes a Site-to-Site connection's row: everything is ready, and
 * everything is gone. Both are compare-and-set on the status, so a repeat does nothing.
 */
export async function markAvailable(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const moved = await moveConnection(tx, connectionId, "site_to_site", ["provisioning"], { status: "available", availableAt: new Date(), errorCode: null, errorMessage: null });
    if (moved) await tx.insert(connectionEvents).values({ connectionId, kind: "available", message: "The VPN, the interface endpoints and the inbound resolver are ready." });
  });
}

/** The end of a removal: the landing block goes back to the pool and the keys are destroyed. */
export async function markRemoved(db: DbOrTx, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await releaseLandingCidr(tx, connectionId);
    await deleteSecrets(tx, connectionId);
    const moved = await moveConnection(tx, connectionId, "site_to_site", ["removing"], { status: "removed", removedAt: new Date() });
    if (moved) await tx.insert(connectionEvents).values({ connectionId, kind: "removed", message: "Every AWS resource of this connection was deleted." });
  });
}
