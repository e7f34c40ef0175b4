"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { reconcileNow } from "@/lib/connectivity/privatelink/reconciler";
import { decideHeldEndpoint } from "@/lib/dal/endpoint-connections";

const decisionInput = z.object({
  endpointConnectionId: z.uuid({ error: "Not found." }),
  decision: z.enum(["accept", "reject"], { error: "Choose accept or reject." }),
});

/** Support's accept / reject of an endpoint connection whose owner matches no tenant. */
export const decideEndpoint = guardedAction({ permission: "endpoint.decide", input: decisionInput }, async (input, caller) => {
  const db = getDb();
  const { productRegionId } = await decideHeldEndpoint(db, caller, input);
  await reconcileNow(db, productRegionId);
  revalidatePath("/support/endpoints");
  return { decision: input.decision };
});
