import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, invitations, users } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { acceptInvitation, findOpenInvitation } from "@/lib/dal/invitations";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { inviteMember, listMembers, listOpenInvitations, revokeInvitation } from "./members";

const db = getDb();

let tenantA: { id: string };
let tenantB: { id: string };
let adminA: Caller;
let adminB: Caller;

beforeEach(async () => {
  tenantA = await createTenant(db, "Acceptance A");
  tenantB = await createTenant(db, "Acceptance B");
  adminA = await createUser(db, { role: "customer_admin", tenantId: tenantA.id });
  adminB = await createUser(db, { role: "customer_admin", tenantId: tenantB.id });
});

describe("invitation acceptance", () => {
  it("creates the member with the invited role in the invited tenant, once", async () => {
    const invitation = await inviteMember(db, adminA, { tenantId: tenantA.id, email: "joiner@example.com", role: "customer_viewer" });
    const accepted = await acceptInvitation(db, invitation.token, { name: "Joiner", password: "correct horse battery" }, "198.51.100.7");
    const [user] = await db.select().from(users).where(eq(users.id, accepted.userId));
    expect(user).toMatchObject({ email: "joiner@example.com", role: "customer_viewer", tenantId: tenantA.id, name: "Joiner" });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "invitation.accept"));
    expect(audit).toMatchObject({ tenantId: tenantA.id, targetId: invitation.invitationId, ip: "198.51.100.7", actorEmail: "joiner@example.com" });

    await expect(acceptInvitation(db, invitation.token, { name: "Again", password: "correct horse battery" }, null)).rejects.toMatchObject({ code: "not_found" });
    expect(await findOpenInvitation(db, invitation.token)).toBeNull();
  });

  it("refuses expired and revoked invitations", async () => {
    const expired = await inviteMember(db, adminA, { tenantId: tenantA.id, email: "late@example.com", role: "customer_admin" });
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitationId));
    expect(await findOpenInvitation(db, expired.token)).toBeNull();
    await expect(acceptInvitation(db, expired.token, { name: "Late", password: "correct horse battery" }, null)).rejects.toMatchObject({ code: "not_found" });

    const revoked = await inviteMember(db, adminA, { tenantId: tenantA.id, email: "gone@example.com", role: "customer_admin" });
    await revokeInvitation(db, adminA, revoked.invitationId);
    await expect(acceptInvitation(db, revoked.token, { name: "Gone", password: "correct horse battery" }, null)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(users).where(eq(users.email, "gone@example.com"))).toHaveLength(0);
  });

  it("refuses an unknown token", async () => {
    await expect(acceptInvitation(db, "x".repeat(43), { name: "Nobody", password: "correct horse battery" }, null)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("tenant scoping of member reads", () => {
  it("lists only the caller's tenant and hides other tenants entirely", async () => {
    await inviteMember(db, adminB, { tenantId: tenantB.id, email: "b-invitee@example.com", role: "customer_viewer" });
    expect((await listMembers(db, adminA, tenantA.id)).map((m) => m.id)).toEqual([adminA.userId]);
    await expect(listMembers(db, adminA, tenantB.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listOpenInvitations(db, adminA, tenantB.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(inviteMember(db, adminA, { tenantId: tenantB.id, email: "sneaky@example.com", role: "customer_admin" })).rejects.toMatchObject({ code: "not_found" });

    const support = await createUser(db, { role: "provider_support" });
    expect((await listOpenInvitations(db, support, tenantB.id)).map((i) => i.email)).toEqual(["b-invitee@example.com"]);
  });
});
