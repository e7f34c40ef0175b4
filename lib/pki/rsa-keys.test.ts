import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateRsaKeyPair, importSigningKey, privateKeyToPem, RSA_MODULUS_BITS } from "./rsa-keys";

function pkcs8(type: "rsa" | "ec"): string {
  const { privateKey } =
    type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 1024 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

describe("RSA keys", () => {
  it("are 2048-bit, exported as PKCS#8 PEM and imported back for signing", async () => {
    const pair = await generateRsaKeyPair();
    expect(pair.publicKey.algorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", modulusLength: RSA_MODULUS_BITS });
    const pem = await privateKeyToPem(pair.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const imported = await importSigningKey(pem);
    expect(imported.usages).toEqual(["sign"]);
    expect(imported.extractable).toBe(false);
  });

  it("refuses keys Client VPN would not take, without quoting them", async () => {
    await expect(importSigningKey(pkcs8("rsa"))).rejects.toThrow("RSA 2048-bit");
    await expect(importSigningKey(pkcs8("ec"))).rejects.toThrow("not a valid PKCS#8 RSA key");
    const garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n";
    const error = await importSigningKey(garbage).catch((e: unknown) => e);
    expect(String(error)).toContain("not a valid PKCS#8 RSA key");
    expect(String(error)).not.toContain("c2VjcmV0LWJ5dGVz");
  });
});
