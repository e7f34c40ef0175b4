import { createPrivateKey, createPublicKey, X509Certificate as NodeX509Certificate } from "node:crypto";
import { x509 } from "@/lib/pki/x509";

/**
 * AWS Client VPN accepts RSA 1024 or 2048 only (and ACM would import larger keys that the endpoint
 * then rejects); 1024 is too weak, so every key here is 2048.
 */
export const RSA_MODULUS_BITS = 2048;

/** RSASSA-PKCS1-v1_5 with SHA-256: what Client VPN, ACM and every OpenVPN build verify. */
export const SIGNING_ALGORITHM = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: RSA_MODULUS_BITS,
} satisfies RsaHashedKeyGenParams;

export async function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(SIGNING_ALGORITHM, true, ["sign", "verify"]);
}

/** PKCS#8 PEM (`BEGIN PRIVATE KEY`): what ACM ImportCertificate and OpenVPN's `<key>` take. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** Loads a signing key from PKCS#8 PEM, refusing anything but RSA 2048. */
export async function importSigningKey(privateKeyPem: string): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    const der = x509.PemConverter.decodeFirst(privateKeyPem);
    key = await crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    // The cause may quote key bytes; the caller only needs to know the key is unusable.
    throw new Error("The private key is not a valid PKCS#8 RSA key.");
  }
  assertRsa2048(key);
  return key;
}

function assertRsa2048(key: CryptoKey): void {
  const bits = "modulusLength" in key.algorithm ? key.algorithm.modulusLength : undefined;
  if (key.algorithm.name !== "RSASSA-PKCS1-v1_5" || bits !== RSA_MODULUS_BITS) {
    throw new Error(`AWS Client VPN needs RSA ${RSA_MODULUS_BITS}-bit keys; this key is not one.`);
  }
}

/** Whether the private key belongs to the certificate (compares the public halves, no signing). */
export function privateKeyMatchesCertificate(privateKeyPem: string, certificatePem: string): boolean {
  const fromKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "der" });
  const fromCertificate = new NodeX509Certificate(certificatePem).publicKey.export({ type: "spki", format: "der" });
  return fromKey.equals(fromCertificate);
}
