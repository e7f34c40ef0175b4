import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEncryptionKeys } from "./keyring";
import { decryptSecret, encryptSecret, encryptionKeyId, reencryptSecret, SecretDecryptionError } from "./secret-encryption";

const keyText = () => randomBytes(32).toString("base64");
const oldKey = `k1:${keyText()}`;
const newKey = `k2:${keyText()}`;
const ring = parseEncryptionKeys(oldKey);
const rotated = parseEncryptionKeys(`${newKey},${oldKey}`);
const context = "connection:7b1c2a4e:psk:1";

function failure(run: () => unknown): SecretDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretDecryptionError) return error;
    throw error;
  }
  throw new Error("expected decryption to fail");
}

/** Flips one bit in the decoded bytes of one dot-separated part. */
function tamper(encrypted: string, part: number, byte: number): string {
  const parts = encrypted.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[byte < 0 ? bytes.length + byte : byte] ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it.each(["s3cr3t-Pre_Shared.Key", "", "ünïcødé ✓ \n", "x".repeat(10_000)])("round-trips %#", (plaintext) => {
    expect(decryptSecret(encryptSecret(plaintext, context, ring), context, ring)).toBe(plaintext);
  });

  it("writes the compact versioned form with a fresh 96-bit nonce each time", () => {
    const a = encryptSecret("same", context, ring);
    const b = encryptSecret("same", context, ring);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
    expect(a).not.toContain("same");
    expect(encryptionKeyId(a)).toBe("k1");
  });

  it("uses the configured keyring by default (generated in the test data folder)", () => {
    expect(decryptSecret(encryptSecret("default", context), context)).toBe("default");
  });

  it("fails for another record's or purpose's context", () => {
    const encrypted = encryptSecret("psk", context, ring);
    expect(failure(() => decryptSecret(encrypted, "connection:7b1c2a4e:psk:2", ring)).reason).toBe("authentication_failed");
    expect(failure(() => decryptSecret(encrypted, "connection:other:psk:1", ring)).reason).toBe("authentication_failed");
  });

  it.each([
    ["ciphertext", 3, 0],
    ["tag", 3, -1],
    ["nonce", 2, 0],
  ])("detects a tampered %s", (_, part, byte) => {
    const encrypted = encryptSecret("psk value", context, ring);
    expect(failure(() => decryptSecret(tamper(encrypted, part, byte), context, ring)).reason).toBe("authentication_failed");
  });

  it("detects a value relabelled with another configured key id", () => {
    const relabelled = encryptSecret("psk", context, ring).replace(/^v1\.k1\./, "v1.k2.");
    expect(failure(() => decryptSecret(relabelled, context, rotated)).reason).toBe("authentication_failed");
  });

  it.each(["", "plain", "v2.k1.AAAA.AAAA", "v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAAAA", "v1.k1.AAAAAAAAAAAAAAAA.short", "v1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "v1.k1.AAAAAAAAAAAAAAAA.AA+A/AAAAAAAAAAAAAAAAAAA", "a.b.c.d.e"])(
    "rejects malformed input %#",
    (value) => {
      expect(failure(() => decryptSecret(value, context, ring)).reason).toBe("malformed");
    },
  );

  it("names a missing key id without echoing the value or its plaintext", () => {
    const plaintext = "do-not-leak-me";
    const encrypted = encryptSecret(plaintext, context, rotated);
    const error = failure(() => decryptSecret(encrypted, context, ring));
    expect(error.reason).toBe("unknown_key");
    expect(error.message).toContain('"k2"');
    expect(error.message).not.toContain(plaintext);
    expect(error.message).not.toContain(encrypted.split(".")[3]);
    const authError = failure(() => decryptSecret(encrypted, "other", rotated));
    expect(authError.message).not.toContain(plaintext);
  });
});

describe("rotation", () => {
  it("keeps old values readable and writes new ones with the new current key", () => {
    const old = encryptSecret("rotate me", context, ring);
    expect(decryptSecret(old, context, rotated)).toBe("rotate me");
    expect(encryptionKeyId(encryptSecret("new", context, rotated))).toBe("k2");
  });

  it("re-encrypts under the current key and leaves current values untouched", () => {
    const old = encryptSecret("rotate me", context, ring);
    const renewed = reencryptSecret(old, context, rotated);
    expect(encryptionKeyId(renewed)).toBe("k2");
    expect(decryptSecret(renewed, context, parseEncryptionKeys(newKey))).toBe("rotate me");
    expect(reencryptSecret(renewed, context, rotated)).toBe(renewed);
  });

  it("refuses to re-encrypt a value that does not authenticate", () => {
    const old = encryptSecret("rotate me", context, ring);
    expect(failure(() => reencryptSecret(old, "another:context", rotated)).reason).toBe("authentication_failed");
    const current = encryptSecret("current", context, rotated);
    expect(failure(() => reencryptSecret(tamper(current, 3, 0), context, rotated)).reason).toBe("authentication_failed");
  });
});
