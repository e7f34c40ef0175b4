/**
 * Runs once per vitest run. Creating and migrating a PGlite database takes seconds; copying a
 * migrated one takes a fraction of that, so every test file starts from a copy of this template.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { testDriver } from "./test-driver";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplateDir: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (testDriver !== "pglite") {
    project.provide("pgliteTemplateDir", null);
    return () => undefined;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), "onramp-test-template-"));
  const dir = path.join(root, "pglite");
  const handle = openDatabase({ pgliteDir: dir });
  await migrateDatabase(handle);
  await handle.close();
  project.provide("pgliteTemplateDir", dir);
  return () => rmSync(root, { recursive: true, force: true });
}
