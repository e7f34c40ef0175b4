"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { signOut } from "@/lib/auth/auth";
import { getCaller } from "@/lib/auth/caller";
import { publicAction } from "@/lib/auth/guard";

/** Public because an expired session must still be able to clear its cookie. */
export const signOutAction = publicAction({ input: z.object({}) }, async () => {
  const caller = await getCaller();
  if (caller) {
    await recordAudit(getDb(), caller, { action: "auth.sign_out", tenantId: caller.tenantId, targetType: "user", targetId: caller.userId });
  }
  await signOut({ redirectTo: "/sign-in" });
});
