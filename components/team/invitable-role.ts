import type { InvitableRole } from "@/lib/dal/invitations";

/** Narrows a form value (or a member's role) to the roles a tenant admin can give. */
export function isInvitableRole(value: string): value is InvitableRole {
  return value === "customer_admin" || value === "customer_viewer";
}
