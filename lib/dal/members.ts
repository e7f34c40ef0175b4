import "server-only";
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { invitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import type { Role } from "@/lib/auth/permissions";
import { canSeeTenant } from "@/lib/auth/tenant-scope";
import { normalizeEmail } from "@/lib/auth/users";
import { createInvitation, type InvitableRole } from "@/lib/dal/invitations";
import { AppError } from "@/lib/errors";

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  invitedByName: string | null;
}

// A resource of a tenant the caller cannot see does not exist for them, so ids cannot be probed.
const NOT_FOUND = () => new AppError("not_found", "Not found.");

function assertCanSeeTenant(caller: Caller, tenantId: string): void {
  if (!canSeeTenant(caller, tenantId)) throw NOT_FOUND();
}

export async function listMembers(db: Db, caller: Caller, tenantId: string): Promise<Member[]> {
  assertCanSeeTenant(caller, tenantId);
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.email));
}

function openInvitation(now: Date) {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));
}

export async function listOpenInvitations(db: Db, caller: Caller, tenantId: string): Promise<OpenInvitation[]> {
  assertCanSeeTenant(caller, tenantId);
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, tenantId), openInvitation(new Date())))
    .orderBy(asc(invitations.createdAt));
}

/**
 * Invites someone into a tenant. An earlier open invitation for the same address in the same tenant
 * is revoked, so only the newest link works and the list shows one row per person.
 */
export async function inviteMember(
  db: Db,
  caller: Caller,
  input: { tenantId: string; email: string; role: InvitableRole },
): Promise<{ invitationId: string; token: string; tenantName: string; email: string }> {
  assertCanSeeTenant(caller, input.tenantId);
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const superseded = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.email, email), openInvitation(new Date())))
      .returning({ id: invitations.id });
    for (const old of superseded) {
      await recordAudit(tx, caller, {
        action: "invitation.revoke",
        tenantId: input.tenantId,
        targetType: "invitation",
        targetId: old.id,
        detail: { email, reason: "superseded" },
      });
    }
    const created = await createInvitation(tx, caller, { tenantId: input.tenantId, email, role: input.role });
    return { invitationId: created.id, token: created.token, tenantName: created.tenantName, email };
  });
}

export async function revokeInvitation(db: Db, caller: Caller, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: invitations.id, tenantId: invitations.tenantId, email: invitations.email, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
      .from(invitations)
      .where(eq(invitations.id, invitationId))
      .for("update")
      .limit(1);
    if (!invitation || !canSeeTenant(caller, invitation.tenantId)) throw NOT_FOUND();
    if (invitation.acceptedAt) throw new AppError("conflict", "This invitation has already been accepted.");
    if (invitation.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, caller, {
      action: "invitation.revoke",
      tenantId: invitation.tenantId,
      targetType: "invitation",
      targetId: invitation.id,
      detail: { email: invitation.email },
    });
  });
}

/** Locks and loads a member of a tenant the caller can see; provider staff are nobody's members. */
async function lockMember(tx: Tx, caller: Caller, userId: string) {
  const [member] = await tx
    .select({ id: users.id, email: users.email, role: users.role, tenantId: users.tenantId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .for("update")
    .limit(1);
  if (!member?.tenantId || !canSeeTenant(caller, member.tenantId)) throw NOT_FOUND();
  return { ...member, tenantId: member.tenantId };
}

/**
 * A tenant without an admin could never invite or manage anyone again. Locking the other admins'
 * rows makes two admins demoting each other at once wait for one another instead of both winning.
 */
async function assertAnotherAdmin(tx: Tx, tenantId: string, exceptUserId: string, message: string): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, "customer_admin"), eq(users.active, true), ne(users.id, exceptUserId)))
    .for("update");
  if (others.length === 0) throw new AppError("conflict", message);
}

export async function changeMemberRole(db: Db, caller: Caller, input: { userId: string; role: InvitableRole }): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await lockMember(tx, caller, input.userId);
    if (member.id === caller.userId) throw new AppError("conflict", "You cannot change your own role. Ask another admin.");
    if (member.role === input.role) return;
    if (member.role === "customer_admin") {
      await assertAnotherAdmin(tx, member.tenantId, member.id, "This is the tenant's only admin. Make someone else an admin first.");
    }
    await tx.update(users).set({ role: input.role }).where(eq(users.id, member.id));
    await recordAudit(tx, caller, {
      action: "member.role_change",
      tenantId: member.tenantId,
      targetType: "user",
      targetId: member.id,
      detail: { email: member.email, from: member.role, to: input.role },
    });
  });
}

export async function removeMember(db: Db, caller: Caller, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await lockMember(tx, caller, userId);
    if (member.id === caller.userId) throw new AppError("conflict", "You cannot remove yourself. Ask another admin.");
    if (member.role === "customer_admin") {
      await assertAnotherAdmin(tx, member.tenantId, member.id, "This is the tenant's only admin. Make someone else an admin first.");
    }
    // Deleting (not deactivating) frees the address for a later invitation; the audit trail keeps
    // its own copy of who did what.
    await tx.delete(users).where(eq(users.id, member.id));
    await recordAudit(tx, caller, {
      action: "member.remove",
      tenantId: member.tenantId,
      targetType: "user",
      targetId: member.id,
      detail: { email: member.email, role: member.role },
    });
  });
}
