import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, env, usesEmbeddedDb } from "@/lib/env";

/** One AES-256 key and the id stored next to every ciphertext it made. */
export interface EncryptionKey {
  kid: string;
  key: Buffer;
}

/** `current` encrypts; every key in `byKid` (current included) decrypts, so old rows stay readable. */
export interface Keyring {
  current: EncryptionKey;
  byKid: ReadonlyMap<string, EncryptionKey>;
}

const KEY_BYTES = 32;

// The kid sits between dots in the serialised form and before a colon in the configuration.
const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Thrown for unusable key configuration. Messages name the entry, never its key material. */
export class EncryptionKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyConfigError";
  }
}

/** Parses `kid:base64(32 bytes)[,kid:base64…]`; the first entry is the current key. */
export function parseEncryptionKeys(value: string, source = "ONRAMP_ENCRYPTION_KEYS"): Keyring {
  const entries = value.split(",").map((e) => e.trim());
  const keys: EncryptionKey[] = [];
  const byKid = new Map<string, EncryptionKey>();
  entries.forEach((entry, index) => {
    const where = `${source} entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new EncryptionKeyConfigError(`${where} must look like kid:base64key.`);
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KID_PATTERN.test(kid)) {
      throw new EncryptionKeyConfigError(`${where}: the key id must be 1-32 letters, digits, "-" or "_".`);
    }
    const key = BASE64_PATTERN.test(encoded) ? Buffer.from(encoded, "base64") : null;
    if (!key || key.length !== KEY_BYTES) {
      throw new EncryptionKeyConfigError(`${where}: the key must be ${KEY_BYTES} random bytes in base64.`);
    }
    if (byKid.has(kid)) throw new EncryptionKeyConfigError(`${where}: key id "${kid}" appears twice.`);
    const parsed = { kid, key };
    keys.push(parsed);
    byKid.set(kid, parsed);
  });
  const [current] = keys;
  if (!current) throw new EncryptionKeyConfigError(`${source} holds no keys.`);
  return { current, byKid };
}

/** A fresh key in the configuration format, e.g. for `ONRAMP_ENCRYPTION_KEYS` or the generated file. */
export function generateEncryptionKeyEntry(kid: string): string {
  if (!KID_PATTERN.test(kid)) throw new EncryptionKeyConfigError(`The key id must be 1-32 letters, digits, "-" or "_".`);
  return `${kid}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

export interface KeyringSource {
  configured: string | undefined;
  embedded: boolean;
  dataDir: string;
}

/**
 * Several processes share one PostgreSQL and must all read each other's ciphertexts, so there the
 * keys have to be configured; the embedded default keeps a generated one in its data folder, in the
 * same format so it can be moved into ONRAMP_ENCRYPTION_KEYS later.
 */
export function loadKeyring(source: KeyringSource): Keyring {
  if (source.configured) return parseEncryptionKeys(source.configured);
  if (!source.embedded) {
    throw new EncryptionKeyConfigError(
      "ONRAMP_ENCRYPTION_KEYS must be set when DATABASE_URL is used: kid:base64(32 random bytes), " +
        "e.g. k1:$(openssl rand -base64 32).",
    );
  }
  const file = path.join(source.dataDir, "encryption-key");
  return parseEncryptionKeys(readOrCreateKeyFile(file), file);
}

function readOrCreateKeyFile(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const entry = generateEncryptionKeyEntry(`local-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(file, `${entry}\n`, { mode: 0o600, flag: "wx" });
    return entry;
  } catch (error) {
    // Another caller created it first: theirs is the key already in use.
    if (isErrno(error, "EEXIST")) return readFileSync(file, "utf8").trim();
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

let cachedKeyring: Keyring | undefined;

/** The keyring from configuration, loaded once per process. */
export function encryptionKeyring(): Keyring {
  cachedKeyring ??= loadKeyring({ configured: env.ONRAMP_ENCRYPTION_KEYS, embedded: usesEmbeddedDb, dataDir });
  return cachedKeyring;
}
