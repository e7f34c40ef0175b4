import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, tenants, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { normalizeEmail } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitableRole = Extract<Role, "customer_admin" | "customer_viewer">;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The invitation behind `token`, if not accepted, revoked or expired. */
function isOpenInvitation(token: string) {
  return and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));
}

/** Creates an invitation and returns the one-time token for the link (it is stored only hashed). */
export async function createInvitation(
  db: Db,
  caller: Caller,
  input: { tenantId: string; email: string; role: InvitableRole },
): Promise<{ id: string; token: string; tenantName: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const token = randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
    if (!tenant) throw new AppError("not_found", "Not found.");
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw new AppError("conflict", "This person already has an Onramp account.", { email: ["Already has an Onramp account."] });
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    const [row] = await tx
      .insert(invitations)
      .values({ tenantId: input.tenantId, email, role: input.role, tokenHash: hashToken(token), invitedBy: caller.userId, expiresAt })
      .returning({ id: invitations.id });
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, caller, {
      action: "invitation.create",
      tenantId: input.tenantId,
      targetType: "invitation",
      targetId: row.id,
      detail: { email, role: input.role },
    });
    return { id: row.id, token, tenantName: tenant.name, expiresAt };
  });
}

/** The invitation behind a link, if it can still be accepted. */
export async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, tenantId: invitations.tenantId, tenantName: tenants.name })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(isOpenInvitation(token))
    .limit(1);
  return row ?? null;
}

/**
 * Accepts an invitation: creates the user with the invited role in the invited tenant. The
 * conditional update makes a link single-use even when two requests race.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string | null },
  ip: string | null,
): Promise<{ userId: string; email: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invitation) throw new AppError("not_found", "This invitation link is invalid, used or expired. Ask for a new one.");
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
    if (taken) throw new AppError("conflict", "An account with this e-mail address already exists. Sign in instead.");
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: input.name, passwordHash, role: invitation.role, tenantId: invitation.tenantId })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId });
    if (!user) throw new Error("insert returned nothing");
    await recordAudit(
      tx,
      { userId: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, ip },
      { action: "invitation.accept", tenantId: invitation.tenantId, targetType: "invitation", targetId: invitation.id },
    );
    return { userId: user.id, email: user.email };
  });
}

/** Single sign-on for an invited address that has no account yet accepts the newest open invitation. */
export async function acceptPendingInvitationForSso(db: Db, email: string, name: string) {
  const normalized = normalizeEmail(email);
  const [invitation] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.email, normalized), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(invitations.createdAt)
    .limit(1);
  if (!invitation) return null;
  const token = randomBytes(32).toString("base64url");
  // Re-key the invitation so the single-use acceptance path above is the only way in.
  await db.update(invitations).set({ tokenHash: hashToken(token) }).where(eq(invitations.id, invitation.id));
  await acceptInvitation(db, token, { name: name.slice(0, 120), password: null }, null);
  const [user] = await db.select().from(users).where(eq(users.email, normalized)).limit(1);
  return user ?? null;
}
