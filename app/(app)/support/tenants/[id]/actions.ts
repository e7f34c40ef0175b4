"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { setDedicatedClientVpn } from "@/lib/connectivity/client-vpn/dedicated";

export const setDedicatedClientVpnAction = guardedAction(
  {
    permission: "settings.manage",
    input: z.object({ tenantId: z.uuid({ error: "Not found." }), dedicated: z.boolean({ error: "Choose shared or dedicated." }) }),
  },
  async ({ tenantId, dedicated }, caller) => {
    await setDedicatedClientVpn(getDb(), caller, tenantId, dedicated);
    revalidatePath(`/support/tenants/${tenantId}`);
    return { dedicated };
  },
);
