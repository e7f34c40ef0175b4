"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { createTenant } from "@/lib/dal/tenants";
import { deliverInvitation } from "@/lib/invitations/deliver";

// Printable text only: the name is shown everywhere and lands in e-mails and the audit trail.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

export const createTenantAction = guardedAction(
  {
    permission: "tenant.create",
    input: z.object({
      name: z
        .string()
        .trim()
        .min(2, "Use at least 2 characters.")
        .max(100, "Use at most 100 characters.")
        .regex(NO_CONTROL_CHARACTERS, "Use letters, digits and punctuation only.")
        .regex(/[\p{L}\p{N}]/u, "Include at least one letter or digit."),
      firstAdminEmail: z
        .string()
        .trim()
        .max(254, "Use at most 254 characters.")
        .pipe(z.union([z.literal(""), z.email("Enter a valid e-mail address.")]))
        .optional(),
    }),
  },
  async (input, caller) => {
    const { tenant, invitation } = await createTenant(getDb(), caller, { name: input.name, firstAdminEmail: input.firstAdminEmail || undefined });
    revalidatePath("/support");
    return { tenantId: tenant.id, name: tenant.name, slug: tenant.slug, delivery: invitation ? await deliverInvitation(invitation) : null };
  },
);
