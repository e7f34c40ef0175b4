import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clientVpnCertificateAuthorities, type ClientVpnAuthorityRole } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-encryption";
import { createClientCa, createRootCa } from "@/lib/pki/ca";
import type { CertificateAuthority, IssuedCertificate } from "@/lib/pki/issue-certificate";

/**
 * The environment's PKI (lib/pki/ca.ts) at rest: a root CA and the client CA below it. The keys
 * are encrypted with a context naming the environment and role, so a ciphertext copied to another
 * row does not decrypt, and they are decrypted only to sign.
 */
function keyContext(environmentId: string, role: ClientVpnAuthorityRole): string {
  return `client-vpn-environment:${environmentId}:${role}-ca:key`;
}

async function insertAuthority(db: DbOrTx, environmentId: string, role: ClientVpnAuthorityRole, issued: IssuedCertificate): Promise<void> {
  await db
    .insert(clientVpnCertificateAuthorities)
    .values({
      environmentId,
      role,
      certificatePem: issued.certificatePem,
      chainPem: issued.chainPem,
      encryptedPrivateKey: encryptSecret(issued.privateKeyPem, keyContext(environmentId, role)),
      serialNumber: issued.serialNumber,
      notAfter: issued.notAfter,
    })
    // A worker that lost its lease may have stored them first: theirs stand, this one's are dropped.
    .onConflictDoNothing();
}

/** The environment's CA of a role, its key decrypted for signing; null before it exists. */
export async function loadAuthority(db: DbOrTx, environmentId: string, role: ClientVpnAuthorityRole): Promise<CertificateAuthority | null> {
  const [row] = await db
    .select()
    .from(clientVpnCertificateAuthorities)
    .where(and(eq(clientVpnCertificateAuthorities.environmentId, environmentId), eq(clientVpnCertificateAuthorities.role, role)));
  if (!row) return null;
  return { certificatePem: row.certificatePem, chainPem: row.chainPem, privateKeyPem: decryptSecret(row.encryptedPrivateKey, keyContext(environmentId, row.role)) };
}

async function requireAuthority(db: DbOrTx, environmentId: string, role: ClientVpnAuthorityRole): Promise<CertificateAuthority> {
  const authority = await loadAuthority(db, environmentId, role);
  if (!authority) throw new Error(`The ${role} CA of Client VPN environment ${environmentId} could not be stored.`);
  return authority;
}

/**
 * Creates the root and the client CA once; a repeat (a retried or resumed step) finds them. The
 * client CA is signed by whichever root was stored, so the two always form one chain.
 */
export async function ensureAuthorities(db: DbOrTx, environmentId: string): Promise<{ root: CertificateAuthority; client: CertificateAuthority }> {
  if (!(await loadAuthority(db, environmentId, "root"))) {
    await insertAuthority(db, environmentId, "root", await createRootCa({ commonName: `Onramp Client VPN Root CA ${environmentId.slice(0, 8)}` }));
  }
  const root = await requireAuthority(db, environmentId, "root");
  if (!(await loadAuthority(db, environmentId, "client"))) {
    await insertAuthority(db, environmentId, "client", await createClientCa(root, { commonName: `Onramp Client VPN Client CA ${environmentId.slice(0, 8)}` }));
  }
  return { root, client: await requireAuthority(db, environmentId, "client") };
}

/** Destroys the CA keys: the last act of removing the environment, when nothing can use them. */
export async function destroyAuthorities(db: DbOrTx, environmentId: string): Promise<void> {
  await db.delete(clientVpnCertificateAuthorities).where(eq(clientVpnCertificateAuthorities.environmentId, environmentId));
}
