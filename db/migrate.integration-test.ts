import { count, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { database, getDb } from "@/db/client";
import * as schema from "@/db/schema";
import { testDriver } from "@/lib/testing/test-driver";

describe("migrations", () => {
  it("create every table the schema declares", async () => {
    const tables = Object.values(schema).filter((value) => is(value, PgTable));
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const [row] = await getDb().select({ n: count() }).from(table);
      expect(row, getTableName(table)).toEqual({ n: 0 });
    }
  });

  it("run on the driver the suite was asked for", () => {
    expect(database().driver).toBe(testDriver);
  });
});
