import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, env, usesEmbeddedDb } from "@/lib/env";

/**
 * The session signing secret. Shared PostgreSQL deployments run several processes, which must all
 * sign with one secret, so there it has to be configured; the embedded default keeps a generated
 * one in its data folder.
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (!usesEmbeddedDb) {
    throw new Error("AUTH_SECRET must be set (32+ characters) when DATABASE_URL is used.");
  }
  const file = path.join(dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
