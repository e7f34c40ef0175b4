import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connectionSecrets } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-encryption";

/**
 * A connection's secrets at rest (connection_secrets): encrypted with a context naming the
 * connection and the secret, so a ciphertext copied to another row or name does not decrypt.
 */
export const TUNNEL_PSK_NAMES = ["tunnel1.psk", "tunnel2.psk"] as const;
export type TunnelPskName = (typeof TUNNEL_PSK_NAMES)[number];

function contextOf(connectionId: string, name: string): string {
  return `connection:${connectionId}:${name}`;
}

/** Writes (or replaces) secrets; plaintext never leaves this function unencrypted. */
export async function storeSecrets(db: DbOrTx, connectionId: string, secrets: ReadonlyArray<{ name: string; plaintext: string }>): Promise<void> {
  for (const secret of secrets) {
    const ciphertext = encryptSecret(secret.plaintext, contextOf(connectionId, secret.name));
    await db
      .insert(connectionSecrets)
      .values({ connectionId, name: secret.name, ciphertext })
      .onConflictDoUpdate({ target: [connectionSecrets.connectionId, connectionSecrets.name], set: { ciphertext, createdAt: new Date() } });
  }
}

/** The decrypted secrets of these names that exist. */
export async function readSecrets(db: DbOrTx, connectionId: string, names: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .select()
    .from(connectionSecrets)
    .where(and(eq(connectionSecrets.connectionId, connectionId), inArray(connectionSecrets.name, [...names])));
  return new Map(rows.map((row) => [row.name, decryptSecret(row.ciphertext, contextOf(connectionId, row.name))]));
}

export async function deleteSecrets(db: DbOrTx, connectionId: string): Promise<void> {
  await db.delete(connectionSecrets).where(eq(connectionSecrets.connectionId, connectionId));
}
