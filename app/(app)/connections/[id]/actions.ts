"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import {
  deleteSimulatedEndpoint,
  reconcileConnectionNow,
  removePrivateLinkConnection,
  retryPrivateLinkConnection,
  simulateCustomerEndpoint as simulateEndpoint,
} from "@/lib/connectivity/privatelink/connection-requests";

const connectionRef = z.object({ connectionId: z.uuid({ error: "Not found." }) });

function revalidateConnection(connectionId: string): void {
  revalidatePath(`/connections/${connectionId}`);
  revalidatePath("/connections");
  revalidatePath("/support/connections");
}

export const removeConnection = guardedAction({ permission: "connection.remove", input: connectionRef }, async ({ connectionId }, caller) => {
  await removePrivateLinkConnection(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

/** Sandbox only (answers "not found" with real AWS): creates the customer's interface endpoint. */
export const simulateCustomerEndpoint = guardedAction(
  { permission: "connection.simulate", input: connectionRef },
  async ({ connectionId }, caller) => {
    const result = await simulateEndpoint(getDb(), caller, connectionId);
    revalidateConnection(connectionId);
    return result;
  },
);

/** Sandbox only: the customer deletes their interface endpoint. */
export const deleteCustomerEndpoint = guardedAction(
  { permission: "connection.simulate", input: connectionRef },
  async ({ connectionId }, caller) => {
    const result = await deleteSimulatedEndpoint(getDb(), caller, connectionId);
    revalidateConnection(connectionId);
    return result;
  },
);

export const retryConnection = guardedAction({ permission: "connection.repair", input: connectionRef }, async ({ connectionId }, caller) => {
  await retryPrivateLinkConnection(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

export const reconcileConnection = guardedAction({ permission: "connection.repair", input: connectionRef }, async ({ connectionId }, caller) => {
  await reconcileConnectionNow(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});
