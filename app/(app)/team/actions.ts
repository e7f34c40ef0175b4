"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { tenantFor } from "@/lib/auth/tenant-scope";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/dal/members";
import { deliverInvitation } from "@/lib/invitations/deliver";

const invitableRole = z.enum(["customer_admin", "customer_viewer"], { message: "Choose admin or viewer." });

function revalidateTeamPages(): void {
  revalidatePath("/team");
  revalidatePath("/support/tenants/[id]", "page");
}

/** Customers invite into their own tenant (any tenantId they send must be theirs); provider staff name it. */
export const inviteMemberAction = guardedAction(
  {
    permission: "member.invite",
    input: z.object({
      tenantId: z.uuid().optional(),
      email: z.string().trim().max(254, "Use at most 254 characters.").pipe(z.email("Enter a valid e-mail address.")),
      role: invitableRole,
    }),
  },
  async (input, caller) => {
    const tenantId = tenantFor(caller, input.tenantId);
    const invitation = await inviteMember(getDb(), caller, { tenantId, email: input.email, role: input.role });
    revalidateTeamPages();
    return deliverInvitation(invitation);
  },
);

export const revokeInvitationAction = guardedAction(
  { permission: "member.invite", input: z.object({ invitationId: z.uuid() }) },
  async (input, caller) => {
    await revokeInvitation(getDb(), caller, input.invitationId);
    revalidateTeamPages();
  },
);

export const changeMemberRoleAction = guardedAction(
  { permission: "member.remove", input: z.object({ userId: z.uuid(), role: invitableRole }) },
  async (input, caller) => {
    await changeMemberRole(getDb(), caller, input);
    revalidateTeamPages();
  },
);

export const removeMemberAction = guardedAction(
  { permission: "member.remove", input: z.object({ userId: z.uuid() }) },
  async (input, caller) => {
    await removeMember(getDb(), caller, input.userId);
    revalidateTeamPages();
  },
);
