import { beforeAll, describe, expect, it } from "vitest";
import { parseEncryptionKeys } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-encryption";
import { createClientCa, createRootCa } from "./ca";
import { issueClientCertificate } from "./client-certificate";
import { DAY_MS, type IssuedCertificate } from "./issue-certificate";
import { opensslCli } from "./testing/openssl-cli";
import { x509 } from "./x509";

const openssl = opensslCli();

const now = new Date();
let root: IssuedCertificate;
let clientCa: IssuedCertificate;

beforeAll(async () => {
  root = await createRootCa({ now });
  clientCa = await createClientCa(root, { now });
});

describe("createRootCa", () => {
  it("is a self-signed RSA 2048 / SHA-256 CA for ten years with CA key usages only", async () => {
    const cert = new x509.X509Certificate(root.certificatePem);
    expect(cert.subject).toBe("CN=Onramp Root CA, O=Onramp");
    expect(cert.issuer).toBe(cert.subject);
    expect(await cert.isSelfSigned()).toBe(true);
    expect(cert.signatureAlgorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", hash: { name: "SHA-256" } });
    expect(cert.publicKey.algorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048 });
    const constraints = cert.getExtension(x509.BasicConstraintsExtension);
    expect(constraints).toMatchObject({ ca: true, pathLength: 1, critical: true });
    const usage = cert.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toBeTruthy();
    expect(root.notAfter.getTime() - now.getTime()).toBeGreaterThan(3650 * DAY_MS);
    expect(root.notBefore.getTime()).toBeLessThan(now.getTime());
    expect(root.chainPem).toBe("");
    expect(root.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("has a 128-bit random serial", async () => {
    expect(root.serialNumber).toMatch(/^[0-9a-f]{1,32}$/);
    expect(root.serialNumber).not.toBe(clientCa.serialNumber);
  });

  it("passes openssl's checks: RSA 2048, CA, and its key matches", () => {
    const text = openssl(["x509", "-in", "{ca.pem}", "-noout", "-text"], { "ca.pem": root.certificatePem });
    expect(text.ok).toBe(true);
    expect(text.output).toContain("Public-Key: (2048 bit)");
    expect(text.output).toContain("sha256WithRSAEncryption");
    expect(text.output).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    expect(text.output).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    const fromCert = openssl(["x509", "-in", "{c.pem}", "-noout", "-modulus"], { "c.pem": root.certificatePem });
    const fromKey = openssl(["rsa", "-in", "{k.pem}", "-noout", "-modulus"], { "k.pem": root.privateKeyPem });
    expect(fromCert.output.trim()).toMatch(/^Modulus=[0-9A-F]{512}$/);
    expect(fromKey.output.trim()).toBe(fromCert.output.trim());
    expect(openssl(["verify", "-CAfile", "{ca.pem}", "{ca.pem}"], { "ca.pem": root.certificatePem }).ok).toBe(true);
  });
});

describe("createClientCa", () => {
  it("chains to the root, can issue no further CA and carries the root as its chain", async () => {
    const cert = new x509.X509Certificate(clientCa.certificatePem);
    expect(cert.subject).toBe("CN=Onramp Client CA, O=Onramp");
    expect(cert.issuer).toBe("CN=Onramp Root CA, O=Onramp");
    expect(cert.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: true, pathLength: 0 });
    expect(await cert.verify({ publicKey: new x509.X509Certificate(root.certificatePem).publicKey, date: now })).toBe(true);
    expect(clientCa.chainPem).toBe(root.certificatePem);
    const rootKeyId = new x509.X509Certificate(root.certificatePem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(rootKeyId);
    const verified = openssl(["verify", "-x509_strict", "-CAfile", "{root.pem}", "{ca.pem}"], {
      "root.pem": root.certificatePem,
      "ca.pem": clientCa.certificatePem,
    });
    expect(verified.output).toContain(": OK");
  });

  it("never outlives its root", async () => {
    const shortRoot = await createRootCa({ now, validityDays: 30 });
    const ca = await createClientCa(shortRoot, { now });
    expect(ca.notAfter.getTime()).toBe(shortRoot.notAfter.getTime());
  });

  it("refuses an issuer that is not a CA or whose key is not its own", async () => {
    const leaf = await issueClientCertificate(clientCa, { tenantId: "t", tenantSlug: "acme", deviceId: "d1", now });
    await expect(createClientCa(leaf, { now })).rejects.toThrow("not a certificate authority");
    await expect(createClientCa({ ...root, privateKeyPem: clientCa.privateKeyPem }, { now })).rejects.toThrow(
      "does not belong to its certificate",
    );
  });
});

describe("CA keys at rest", () => {
  it("are stored encrypted with lib/crypto, bound to their record, and sign again after decryption", async () => {
    const keyring = parseEncryptionKeys(`k1:${Buffer.alloc(32, 7).toString("base64")}`);
    const context = "pki:client-ca:4f0c1d3e:private-key";
    const stored = encryptSecret(clientCa.privateKeyPem, context, keyring);
    expect(stored).not.toContain("PRIVATE KEY");
    expect(() => decryptSecret(stored, "pki:root-ca:4f0c1d3e:private-key", keyring)).toThrow();

    const ca = { ...clientCa, privateKeyPem: decryptSecret(stored, context, keyring) };
    const device = await issueClientCertificate(ca, { tenantId: "t1", tenantSlug: "acme", deviceId: "d1", now });
    const issued = new x509.X509Certificate(device.certificatePem);
    expect(await issued.verify({ publicKey: new x509.X509Certificate(clientCa.certificatePem).publicKey, date: now })).toBe(true);
  });
});
