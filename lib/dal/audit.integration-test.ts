import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { listAuditActions, listAuditEntries } from "./audit";
import { decodeCursor } from "./page-cursor";

const db = getDb();

describe("listAuditEntries", () => {
  it("scopes customers to their tenant, lets support filter, and pages (at, id) exactly", async () => {
    const a = await createTenant(db, "Audit A");
    const b = await createTenant(db, "Audit B");
    const viewerA = await createUser(db, { role: "customer_viewer", tenantId: a.id });
    const support = await createUser(db, { role: "provider_support" });

    // One statement gives many rows the same `at`, so only the id tie-break orders them.
    await db.insert(auditLog).values(
      Array.from({ length: 120 }, (_, i) => ({
        tenantId: i % 3 === 0 ? b.id : a.id,
        actorEmail: i % 2 ? "alice@a.example" : "bob@a.example",
        actorRole: "customer_admin",
        action: i % 4 === 0 ? "connection.create" : "invitation.create",
        targetType: "thing",
        targetId: String(i),
      })),
    );
    await db.insert(auditLog).values({ tenantId: a.id, action: "old.event", targetType: "thing", at: new Date("2020-01-02T10:00:00Z") });

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await listAuditEntries(db, viewerA, { cursor: decodeCursor(cursor), limit: 7, filters: { tenantId: b.id } });
      expect(page.rows.every((r) => r.tenantId === a.id)).toBe(true);
      pages.push(page.rows.map((r) => r.targetId ?? ""));
      cursor = page.next;
    } while (cursor);
    const seen = pages.flat();
    expect(seen).toHaveLength(81);
    expect(new Set(seen).size).toBe(81);
    // Newest first: the 2020 row comes last, and ids descend among equal timestamps.
    expect(seen.at(-1)).toBe("");
    expect(seen.slice(0, 3).map(Number)).toEqual([119, 118, 116]);

    // Walking back from page 3 returns page 2 exactly.
    const p2 = await listAuditEntries(db, viewerA, { limit: 7 });
    const p3 = await listAuditEntries(db, viewerA, { limit: 7, cursor: decodeCursor(p2.next) });
    const back = await listAuditEntries(db, viewerA, { limit: 7, cursor: decodeCursor(p3.previous), direction: "before" });
    expect(back.rows.map((r) => r.id)).toEqual(p2.rows.map((r) => r.id));
    expect(back.previous).toBeNull();

    const onlyB = await listAuditEntries(db, support, { filters: { tenantId: b.id }, limit: 200 });
    expect(onlyB.rows).toHaveLength(40);
    expect(onlyB.rows[0]?.tenantName).toBe("Audit B");

    const filtered = await listAuditEntries(db, support, { filters: { tenantId: a.id, action: "connection.create", actorEmail: "BOB@" }, limit: 200 });
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r.action === "connection.create" && r.actorEmail === "bob@a.example" && r.tenantId === a.id)).toBe(true);

    const byDay = await listAuditEntries(db, support, { filters: { fromDay: "2020-01-02", toDay: "2020-01-02" } });
    expect(byDay.rows.map((r) => r.action)).toEqual(["old.event"]);
    const wildcard = await listAuditEntries(db, support, { filters: { actorEmail: "%" } });
    expect(wildcard.rows).toEqual([]);

    expect(await listAuditActions(db)).toEqual(["connection.create", "invitation.create", "old.event"]);
  });
});
