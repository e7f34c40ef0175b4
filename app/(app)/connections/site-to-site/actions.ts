"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { siteToSiteInput } from "@/lib/connectivity/site-to-site/input";
import { createSiteToSite as create, removeSiteToSite as remove, retrySiteToSite as retry, revealPreSharedKeys as reveal } from "@/lib/connectivity/site-to-site/requests";
import { simulateSiteToSiteTunnels as simulateTunnels } from "@/lib/connectivity/site-to-site/simulate";

/**
 * Site-to-Site VPN actions. The guard checks what needs no outside facts (siteToSiteInput); the
 * request checks the rest against AWS's device list and the catalog.
 */
const connectionRef = z.object({ connectionId: z.uuid({ error: "Not found." }) });

function revalidateConnection(connectionId: string): void {
  revalidatePath(`/connections/${connectionId}`);
  revalidatePath("/connections");
  revalidatePath("/support/connections");
}

export const createSiteToSite = guardedAction({ permission: "connection.create", input: siteToSiteInput }, async (input, caller) => {
  const created = await create(getDb(), caller, input);
  revalidatePath("/connections");
  return created;
});

export const removeSiteToSite = guardedAction({ permission: "connection.remove", input: connectionRef }, async ({ connectionId }, caller) => {
  await remove(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

export const retrySiteToSite = guardedAction({ permission: "connection.repair", input: connectionRef }, async ({ connectionId }, caller) => {
  await retry(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

export const revealPreSharedKeys = guardedAction({ permission: "connection.secrets", input: connectionRef }, async ({ connectionId }, caller) =>
  reveal(getDb(), caller, connectionId),
);

/** Sandbox only (answers "not found" with real AWS): the customer's simulated device brings the tunnels up or down. */
export const simulateSiteToSiteTunnels = guardedAction(
  { permission: "connection.simulate", input: connectionRef.extend({ status: z.enum(["UP", "DOWN"]) }) },
  async ({ connectionId, status }, caller) => {
    const result = await simulateTunnels(getDb(), caller, connectionId, status);
    revalidateConnection(connectionId);
    return result;
  },
);
