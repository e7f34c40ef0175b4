"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { setUnknownEndpointPolicy, UNKNOWN_ENDPOINT_POLICIES } from "@/lib/dal/provider-settings";

export const updateUnknownEndpointPolicy = guardedAction(
  { permission: "settings.manage", input: z.object({ policy: z.enum(UNKNOWN_ENDPOINT_POLICIES, { error: "Choose reject or hold." }) }) },
  async ({ policy }, caller) => {
    await setUnknownEndpointPolicy(getDb(), caller, policy);
    revalidatePath("/support/settings");
    return { policy };
  },
);
