import { createHash, randomBytes } from "node:crypto";

/**
 * A download link's secret: 256 random bits, shown once to the admin who issued the configuration.
 * Only its SHA-256 is stored, so the database alone cannot produce a working link; a fast hash is
 * enough because the token is random, not a password.
 */
export function newDownloadToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashDownloadToken(token) };
}

export function hashDownloadToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
