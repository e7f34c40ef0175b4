import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encryptionKeyring, type EncryptionKey, type Keyring } from "@/lib/crypto/keyring";

/**
 * Secrets at rest (pre-shared keys, private keys): AES-256-GCM under a configured key, serialised as
 * `v1.<kid>.<nonce>.<ciphertext+tag>` (base64url). The kid lets keys rotate without a flag day.
 *
 * `context` is authenticated but not stored: it names the row and purpose the value belongs to
 * (e.g. `connection:<id>:psk:1`), so a ciphertext copied into another row or column fails to
 * decrypt instead of handing out someone else's secret.
 */

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SecretDecryptionFailure = "malformed" | "unknown_key" | "authentication_failed";

/** Never carries the plaintext, the key or the ciphertext; `kid` names a missing key for operators. */
export class SecretDecryptionError extends Error {
  constructor(
    readonly reason: SecretDecryptionFailure,
    readonly kid?: string,
  ) {
    super(
      reason === "malformed"
        ? "The stored secret is not a valid encrypted value."
        : reason === "unknown_key"
          ? `The stored secret was encrypted with key "${kid}", which is not configured in ONRAMP_ENCRYPTION_KEYS.`
          : "The stored secret failed authentication: it was altered or belongs to another record.",
    );
    this.name = "SecretDecryptionError";
  }
}

interface Parsed {
  kid: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function encryptSecret(plaintext: string, context: string, keyring: Keyring = encryptionKeyring()): string {
  const { kid, key } = keyring.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(kid, context));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, kid, nonce.toString("base64url"), sealed.toString("base64url")].join(".");
}

export function decryptSecret(encrypted: string, context: string, keyring: Keyring = encryptionKeyring()): string {
  const parsed = parse(encrypted);
  const key = keyFor(parsed.kid, keyring);
  const decipher = createDecipheriv(ALGORITHM, key.key, parsed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(parsed.kid, context));
  decipher.setAuthTag(parsed.tag);
  try {
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("authentication_failed");
  }
}

/** The key id a stored value was encrypted with, e.g. to count values still under a retiring key. */
export function encryptionKeyId(encrypted: string): string {
  return parse(encrypted).kid;
}

/**
 * For rotation: returns the value encrypted under the current key, or the same string when it
 * already is (so callers write only what changed). Either way the value is authenticated first.
 */
export function reencryptSecret(encrypted: string, context: string, keyring: Keyring = encryptionKeyring()): string {
  const plaintext = decryptSecret(encrypted, context, keyring);
  if (parse(encrypted).kid === keyring.current.kid) return encrypted;
  return encryptSecret(plaintext, context, keyring);
}

function associatedData(kid: string, context: string): Buffer {
  if (!context) throw new Error("A secret needs a non-empty context naming its record and purpose.");
  return Buffer.from(`${VERSION}.${kid}.${context}`, "utf8");
}

function keyFor(kid: string, keyring: Keyring): EncryptionKey {
  const key = keyring.byKid.get(kid);
  if (!key) throw new SecretDecryptionError("unknown_key", kid);
  return key;
}

function parse(encrypted: string): Parsed {
  const parts = encrypted.split(".");
  if (parts.length !== 4) throw new SecretDecryptionError("malformed");
  const [version, kid, nonceText, sealedText] = parts;
  if (version !== VERSION || !kid || !nonceText || !sealedText) throw new SecretDecryptionError("malformed");
  if (!BASE64URL.test(kid) || !BASE64URL.test(nonceText) || !BASE64URL.test(sealedText)) {
    throw new SecretDecryptionError("malformed");
  }
  const nonce = Buffer.from(nonceText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new SecretDecryptionError("malformed");
  return {
    kid,
    nonce,
    ciphertext: sealed.subarray(0, sealed.length - TAG_BYTES),
    tag: sealed.subarray(sealed.length - TAG_BYTES),
  };
}
