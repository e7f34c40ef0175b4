"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { addRegisteredProductToClientVpn } from "@/lib/connectivity/client-vpn/missing-products";
import { clientVpnProductAdditionPlan } from "@/lib/connectivity/client-vpn/plans";
import { registerProductRegionInput } from "@/lib/connectivity/privatelink/product-region-input";
import { refreshProductRegion, registerProductRegion } from "@/lib/dal/products";

export const registerProduct = guardedAction({ permission: "product.manage", input: registerProductRegionInput }, async (input, caller) => {
  const result = await registerProductRegion(getDb(), caller, input);
  await addRegisteredProductToClientVpn(getDb(), clientVpnProductAdditionPlan, input.region);
  revalidatePath("/support/products");
  return result;
});

export const refreshProduct = guardedAction(
  { permission: "product.manage", input: z.object({ productRegionId: z.uuid({ error: "Not found." }) }) },
  async ({ productRegionId }, caller) => {
    await refreshProductRegion(getDb(), caller, productRegionId);
    revalidatePath("/support/products");
    return { productRegionId };
  },
);
