"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { retryClientVpnEnvironment, retryProductAddition } from "@/lib/connectivity/client-vpn/environment-repair";

export const retryClientVpnEnvironmentAction = guardedAction(
  { permission: "connection.repair", input: z.object({ environmentId: z.uuid({ error: "Not found." }) }) },
  async ({ environmentId }, caller) => {
    const retried = await retryClientVpnEnvironment(getDb(), caller, environmentId);
    revalidatePath("/support/client-vpn");
    return retried;
  },
);

export const retryProductAdditionAction = guardedAction(
  { permission: "connection.repair", input: z.object({ additionId: z.uuid({ error: "Not found." }) }) },
  async ({ additionId }, caller) => {
    const retried = await retryProductAddition(getDb(), caller, additionId);
    revalidatePath("/support/client-vpn");
    return retried;
  },
);
