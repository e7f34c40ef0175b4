import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { dataDir, env } from "@/lib/env";
import * as schema from "./schema";

/** Both drivers share this surface; code outside db/ never needs to know which one it has. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle =
  | { driver: "pglite"; db: PgliteDatabase<typeof schema>; client: PGlite; close(): Promise<void> }
  | { driver: "postgres"; db: NodePgDatabase<typeof schema>; pool: pg.Pool; close(): Promise<void> };

export function openDatabase(options: { url?: string; pgliteDir?: string }): DatabaseHandle {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    const db = drizzlePg(pool, { schema, casing: "snake_case" });
    return { driver: "postgres", db, pool, close: () => pool.end() };
  }
  const dir = options.pgliteDir ?? path.join(dataDir, "pglite");
  // PGlite creates only the last folder of its path.
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema, casing: "snake_case" });
  return { driver: "pglite", db, client, close: () => client.close() };
}

// One handle per process, kept on globalThis: Next.js may load this module in more than one bundle,
// and two PGlite instances on one folder silently lose writes.
const globalKey = Symbol.for("onramp.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DatabaseHandle };

export function database(): DatabaseHandle {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= openDatabase({ url: env.DATABASE_URL });
  return g[globalKey];
}

export function getDb(): Db {
  return database().db;
}

/** A transaction handle; data functions accept either so callers can compose them atomically. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
