import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, invitations, users } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { findOpenInvitation } from "@/lib/dal/invitations";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "./actions";

// Invitation links are built from the request's origin when ONRAMP_PUBLIC_URL is unset.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "portal.test" }) }));

const db = getDb();

async function auditCount(action: string, targetId?: string): Promise<number> {
  const rows = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(targetId ? and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)) : eq(auditLog.action, action));
  return rows.length;
}

function tokenOf(link: string | null): string {
  const token = link?.split("/invite/")[1];
  if (!token) throw new Error(`no token in ${link}`);
  return decodeURIComponent(token);
}

let tenantA: { id: string };
let tenantB: { id: string };
let adminA: Caller;
let viewerA: Caller;
let adminB: Caller;
let viewerB: Caller;

beforeEach(async () => {
  tenantA = await createTenant(db, "Tenant A");
  tenantB = await createTenant(db, "Tenant B");
  adminA = await createUser(db, { role: "customer_admin", tenantId: tenantA.id });
  viewerA = await createUser(db, { role: "customer_viewer", tenantId: tenantA.id });
  adminB = await createUser(db, { role: "customer_admin", tenantId: tenantB.id });
  viewerB = await createUser(db, { role: "customer_viewer", tenantId: tenantB.id });
});

describe("inviteMemberAction", () => {
  it("invites into the caller's own tenant, shows a working link and audits it", async () => {
    setTestCaller(adminA);
    const result = await inviteMemberAction({ email: "New.Person@Example.com", role: "customer_viewer" });
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ email: "new.person@example.com", emailed: false, mailFailed: false });
    expect(result.data.link).toMatch(/^http:\/\/portal\.test\/invite\/[A-Za-z0-9_-]{43}$/);

    const open = await findOpenInvitation(db, tokenOf(result.data.link));
    expect(open).toMatchObject({ tenantId: tenantA.id, email: "new.person@example.com", role: "customer_viewer" });
    expect(await auditCount("invitation.create", open?.id)).toBe(1);
  });

  it("does not let a customer invite into another tenant", async () => {
    setTestCaller(adminA);
    const result = await inviteMemberAction({ tenantId: tenantB.id, email: "x@example.com", role: "customer_admin" });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.select().from(invitations).where(eq(invitations.email, "x@example.com"))).toHaveLength(0);
  });

  it("forbids viewers", async () => {
    setTestCaller(viewerA);
    const result = await inviteMemberAction({ email: "y@example.com", role: "customer_admin" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db.select().from(invitations).where(eq(invitations.email, "y@example.com"))).toHaveLength(0);
  });

  it("refuses unauthenticated callers", async () => {
    setTestCaller(null);
    expect(await inviteMemberAction({ email: "z@example.com", role: "customer_admin" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("lets provider staff invite into a tenant they name, and requires them to name one", async () => {
    const support = await createUser(db, { role: "provider_support" });
    setTestCaller(support);
    expect(await inviteMemberAction({ email: "first@b.example", role: "customer_admin" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { tenantId: expect.any(Array) },
    });
    const result = await inviteMemberAction({ tenantId: tenantB.id, email: "first@b.example", role: "customer_admin" });
    if (!result.ok) throw new Error(result.message);
    expect(await findOpenInvitation(db, tokenOf(result.data.link))).toMatchObject({ tenantId: tenantB.id, role: "customer_admin" });
  });

  it("gives field errors for bad input and writes nothing", async () => {
    setTestCaller(adminA);
    const hostile = `${"a".repeat(300)}@example.com`;
    for (const email of ["not-an-address", hostile, "<script>@x"]) {
      const result = await inviteMemberAction({ email, role: "customer_admin" });
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { email: expect.any(Array) } });
    }
    // A role outside the invitable ones is refused even though the type system would stop it.
    const bad = await inviteMemberAction(JSON.parse('{"email":"p@example.com","role":"provider_admin"}'));
    expect(bad).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { role: expect.any(Array) } });
    expect(await db.select().from(invitations).where(eq(invitations.tenantId, tenantA.id))).toHaveLength(0);
  });

  it("refuses addresses that already have an account", async () => {
    setTestCaller(adminA);
    const result = await inviteMemberAction({ email: adminB.email, role: "customer_viewer" });
    expect(result).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.any(Array) } });
  });

  it("supersedes an earlier open invitation for the same address", async () => {
    setTestCaller(adminA);
    const first = await inviteMemberAction({ email: "twice@example.com", role: "customer_viewer" });
    const second = await inviteMemberAction({ email: "twice@example.com", role: "customer_admin" });
    if (!first.ok || !second.ok) throw new Error("invite failed");
    expect(await findOpenInvitation(db, tokenOf(first.data.link))).toBeNull();
    expect(await findOpenInvitation(db, tokenOf(second.data.link))).toMatchObject({ role: "customer_admin" });
  });
});

describe("revokeInvitationAction", () => {
  async function inviteAsAdminA(email: string): Promise<string> {
    setTestCaller(adminA);
    const result = await inviteMemberAction({ email, role: "customer_viewer" });
    if (!result.ok) throw new Error(result.message);
    const open = await findOpenInvitation(db, tokenOf(result.data.link));
    if (!open) throw new Error("invitation not open");
    return open.id;
  }

  it("revokes an open invitation of the caller's tenant and audits it", async () => {
    const id = await inviteAsAdminA("revoke-me@example.com");
    expect(await revokeInvitationAction({ invitationId: id })).toEqual({ ok: true, data: undefined });
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
    expect(await auditCount("invitation.revoke", id)).toBe(1);
  });

  it("treats another tenant's invitation as not found, and viewers as forbidden", async () => {
    const id = await inviteAsAdminA("keep-me@example.com");
    setTestCaller(adminB);
    expect(await revokeInvitationAction({ invitationId: id })).toMatchObject({ ok: false, code: "not_found" });
    setTestCaller(viewerA);
    expect(await revokeInvitationAction({ invitationId: id })).toMatchObject({ ok: false, code: "forbidden" });
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row?.revokedAt).toBeNull();
  });
});

describe("changeMemberRoleAction and removeMemberAction", () => {
  it("changes a member's role and audits it", async () => {
    setTestCaller(adminA);
    expect(await changeMemberRoleAction({ userId: viewerA.userId, role: "customer_admin" })).toEqual({ ok: true, data: undefined });
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, viewerA.userId));
    expect(row?.role).toBe("customer_admin");
    expect(await auditCount("member.role_change", viewerA.userId)).toBe(1);
  });

  it("keeps at least one admin and refuses changes to oneself", async () => {
    setTestCaller(adminA);
    expect(await changeMemberRoleAction({ userId: adminA.userId, role: "customer_viewer" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await removeMemberAction({ userId: adminA.userId })).toMatchObject({ ok: false, code: "conflict" });

    // Provider admins may manage members but still cannot leave a tenant without an admin.
    setTestCaller(await createUser(db, { role: "provider_admin" }));
    expect(await removeMemberAction({ userId: adminA.userId })).toMatchObject({ ok: false, code: "conflict" });
    expect(await changeMemberRoleAction({ userId: adminA.userId, role: "customer_viewer" })).toMatchObject({ ok: false, code: "conflict" });
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, adminA.userId));
    expect(row?.role).toBe("customer_admin");
  });

  it("removes a member and audits it", async () => {
    setTestCaller(adminA);
    expect(await removeMemberAction({ userId: viewerA.userId })).toEqual({ ok: true, data: undefined });
    expect(await db.select().from(users).where(eq(users.id, viewerA.userId))).toHaveLength(0);
    expect(await auditCount("member.remove", viewerA.userId)).toBe(1);
  });

  it("cannot see or alter another tenant's members", async () => {
    setTestCaller(adminA);
    expect(await changeMemberRoleAction({ userId: viewerB.userId, role: "customer_admin" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeMemberAction({ userId: viewerB.userId })).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, viewerB.userId));
    expect(row?.role).toBe("customer_viewer");
  });

  it("forbids viewers and provider support", async () => {
    setTestCaller(viewerA);
    expect(await removeMemberAction({ userId: adminA.userId })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await changeMemberRoleAction({ userId: adminA.userId, role: "customer_viewer" })).toMatchObject({ ok: false, code: "forbidden" });
    setTestCaller(await createUser(db, { role: "provider_support" }));
    expect(await removeMemberAction({ userId: viewerA.userId })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db.select().from(users).where(eq(users.id, viewerA.userId))).toHaveLength(1);
  });

  it("does not treat provider staff as tenant members", async () => {
    const staff = await createUser(db, { role: "provider_support" });
    setTestCaller(adminA);
    expect(await removeMemberAction({ userId: staff.userId })).toMatchObject({ ok: false, code: "not_found" });
  });
});
