/**
 * Vitest setup, run before every test file: a fresh data folder; for integration tests a fresh,
 * migrated database; the sandbox cloud at instant latency; no background worker; a settable
 * signed-in caller (session.ts) and request headers (request-scope.ts).
 *
 * lib/env.ts reads process.env when first imported, so everything that reaches it is imported
 * dynamically below, after the environment is in place.
 */
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, vi } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./test-database";
import { testDriver } from "./test-driver";

vi.mock("@/lib/auth/caller", async () => {
  const { currentTestCaller } = await import("@/lib/testing/session");
  return { getCaller: async () => currentTestCaller() };
});

// Outside a Next.js request there is no cache to revalidate; the real functions throw there.
vi.mock("next/cache", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return { ...actual, revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() };
});

// Server code reads request headers (client address, origin for links) and cookies.
vi.mock("next/headers", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const scope = await import("@/lib/testing/request-scope");
  return { ...actual, headers: async () => scope.testRequestHeaders(), cookies: async () => scope.testCookies() };
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), "onramp-test-"));
process.env.ONRAMP_DATA_DIR = dataDir;
process.env.ONRAMP_CLOUD = "sandbox";
process.env.ONRAMP_SANDBOX_PROFILE = "instant";
process.env.ONRAMP_WORKER = "false";
process.env.ONRAMP_DEMO_SEED = "false";
delete process.env.DATABASE_URL;
// PostgreSQL mode requires a configured session secret and encryption key (several processes share them).
process.env.AUTH_SECRET = randomBytes(32).toString("hex");
process.env.ONRAMP_ENCRYPTION_KEYS = `test:${randomBytes(32).toString("base64")}`;
afterAll(async () => {
  // The sandbox saves its state into this folder; let it finish before the folder goes.
  const { closeSandboxCloud } = await import("@/lib/aws/sandbox-link");
  await closeSandboxCloud();
  rmSync(dataDir, { recursive: true, force: true });
});

// Unit tests (*.test.ts) get no database: they must not need one, and skipping it keeps them fast.
// Code that reaches for it there fails on the missing tables.
const needsDatabase = expect.getState().testPath?.endsWith(".integration-test.ts") ?? true;

async function prepareDatabase(): Promise<ScratchDatabase | null> {
  if (testDriver === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
    const scratch = await createScratchDatabase(adminUrl);
    process.env.DATABASE_URL = scratch.url;
    return scratch;
  }
  // db/client.ts opens `${ONRAMP_DATA_DIR}/pglite`; start it as a copy of the migrated template.
  const template = inject("pgliteTemplateDir");
  if (template) cpSync(template, path.join(dataDir, "pglite"), { recursive: true });
  return null;
}

if (needsDatabase) {
  const scratch = await prepareDatabase();
  const { database } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(database());
  // Registered after the data folder's removal, so it runs first (afterAll hooks run in reverse).
  afterAll(async () => {
    await database().close();
    await scratch?.drop();
  });
}
