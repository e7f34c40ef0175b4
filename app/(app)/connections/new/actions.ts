"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { createPrivateLinkConnection } from "@/lib/connectivity/privatelink/connection-requests";
import { privateLinkInput } from "@/lib/connectivity/privatelink/input";

/** The wizard's last step: records the request; the provisioning engine allow-lists the account. */
export const createConnection = guardedAction({ permission: "connection.create", input: privateLinkInput }, async (input, caller) => {
  const created = await createPrivateLinkConnection(getDb(), caller, input);
  revalidatePath("/connections");
  return created;
});
