import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EncryptionKeyConfigError, generateEncryptionKeyEntry, loadKeyring, parseEncryptionKeys } from "./keyring";

const keyText = () => randomBytes(32).toString("base64");
const workDir = mkdtempSync(path.join(os.tmpdir(), "onramp-keys-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("parseEncryptionKeys", () => {
  it("makes the first entry current and keeps every entry for decryption", () => {
    const ring = parseEncryptionKeys(`k2:${keyText()}, k1:${keyText()}`);
    expect(ring.current.kid).toBe("k2");
    expect([...ring.byKid.keys()]).toEqual(["k2", "k1"]);
    expect(ring.byKid.get("k1")?.key).toHaveLength(32);
  });

  it("accepts base64url and unpadded keys", () => {
    const raw = randomBytes(32);
    const ring = parseEncryptionKeys(`a:${raw.toString("base64url")}`);
    expect(ring.current.key.equals(raw)).toBe(true);
  });

  it("accepts what generateEncryptionKeyEntry produces", () => {
    expect(parseEncryptionKeys(generateEncryptionKeyEntry("k9")).current.kid).toBe("k9");
  });

  const secretLooking = randomBytes(16).toString("base64");
  it.each([
    ["no colon", "justakey", /entry 1 must look like kid:base64key/],
    ["empty kid", `:${keyText()}`, /entry 1: the key id must be/],
    ["dot in kid", `a.b:${keyText()}`, /entry 1: the key id must be/],
    ["short key", `k1:${secretLooking}`, /entry 1: the key must be 32 random bytes/],
    ["not base64", `k1:${"!".repeat(44)}`, /entry 1: the key must be 32 random bytes/],
    ["second entry bad", `k1:${keyText()},k2:`, /entry 2: the key must be 32 random bytes/],
    ["duplicate kid", `k1:${keyText()},k1:${keyText()}`, /entry 2: key id "k1" appears twice/],
  ])("rejects %s with a message that names the entry", (_, value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  it("never echoes key material in its errors", () => {
    try {
      parseEncryptionKeys(`k1:${secretLooking}`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EncryptionKeyConfigError);
      expect(String(error)).not.toContain(secretLooking);
    }
  });
});

describe("loadKeyring", () => {
  it("requires configured keys with PostgreSQL", () => {
    const load = () => loadKeyring({ configured: undefined, embedded: false, dataDir: workDir });
    expect(load).toThrow(EncryptionKeyConfigError);
    expect(load).toThrow(/ONRAMP_ENCRYPTION_KEYS must be set when DATABASE_URL is used/);
  });

  it("prefers configured keys", () => {
    const dir = mkdtempSync(path.join(workDir, "cfg-"));
    const ring = loadKeyring({ configured: `cfg:${keyText()}`, embedded: true, dataDir: dir });
    expect(ring.current.kid).toBe("cfg");
  });

  it("generates a private key file for the embedded database once and reuses it", () => {
    const dir = path.join(workDir, "generated", "nested");
    const first = loadKeyring({ configured: undefined, embedded: true, dataDir: dir });
    const file = path.join(dir, "encryption-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toMatch(/^local-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=$/);
    const second = loadKeyring({ configured: undefined, embedded: true, dataDir: dir });
    expect(second.current.kid).toBe(first.current.kid);
    expect(second.current.key.equals(first.current.key)).toBe(true);
  });
});
