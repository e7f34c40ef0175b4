import { beforeAll, describe, expect, it } from "vitest";
import { createClientCa, createRootCa } from "./ca";
import { issueClientCertificate } from "./client-certificate";
import { createCrl, MAX_CRL_ENTRIES } from "./crl";
import { DAY_MS, randomSerialNumber, type IssuedCertificate } from "./issue-certificate";
import { opensslCli } from "./testing/openssl-cli";
import { x509 } from "./x509";

const openssl = opensslCli();

const now = new Date();
let root: IssuedCertificate;
let clientCa: IssuedCertificate;
let revokedDevice: IssuedCertificate;
let activeDevice: IssuedCertificate;

beforeAll(async () => {
  root = await createRootCa({ now });
  clientCa = await createClientCa(root, { now });
  revokedDevice = await issueClientCertificate(clientCa, { tenantId: "t1", tenantSlug: "acme", deviceId: "laptop-1", now });
  activeDevice = await issueClientCertificate(clientCa, { tenantId: "t1", tenantSlug: "acme", deviceId: "laptop-2", now });
});

describe("createCrl", () => {
  it("is an X.509 v2 CRL listing the revoked serials, signed by the client CA", async () => {
    const other = randomSerialNumber();
    const issued = await createCrl(clientCa, {
      revoked: [
        { serialNumber: revokedDevice.serialNumber, revokedAt: now, reason: "cessationOfOperation" },
        { serialNumber: other.toUpperCase(), revokedAt: now },
        { serialNumber: other, revokedAt: now, reason: "keyCompromise" },
      ],
      crlNumber: 42n,
      now,
    });
    expect(issued.crlPem).toMatch(/^-----BEGIN X509 CRL-----\n[\s\S]+\n-----END X509 CRL-----\n$/);
    expect(issued.serialNumbers).toEqual([revokedDevice.serialNumber, other]);

    const text = openssl(["crl", "-in", "{crl.pem}", "-noout", "-text"], { "crl.pem": issued.crlPem });
    expect(text.ok).toBe(true);
    expect(text.output).toContain("Version 2 (0x1)");
    expect(text.output).toContain("Signature Algorithm: sha256WithRSAEncryption");
    expect(text.output).toContain("Issuer: CN = Onramp Client CA, O = Onramp");
    expect(text.output).toMatch(/X509v3 CRL Number:\s+42/);
    expect(text.output).toContain("X509v3 Authority Key Identifier");
    expect(text.output).toContain("Cessation Of Operation");
    // OpenSSL prints serials byte-aligned (a leading 0 for an odd digit count), so compare values.
    const listed = [...text.output.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => BigInt(`0x${m[1]}`));
    expect(listed.sort()).toEqual(issued.serialNumbers.map((serial) => BigInt(`0x${serial}`)).sort());

    const crl = new x509.X509Crl(issued.crlPem);
    expect(await crl.verify({ publicKey: new x509.X509Certificate(clientCa.certificatePem).publicKey })).toBe(true);
    expect(await crl.verify({ publicKey: new x509.X509Certificate(root.certificatePem).publicKey })).toBe(false);
    expect(crl.findRevoked(new x509.X509Certificate(revokedDevice.certificatePem))).not.toBeNull();
    expect(crl.findRevoked(new x509.X509Certificate(activeDevice.certificatePem))).toBeNull();
    expect(issued.nextUpdate.getTime() - now.getTime()).toBeGreaterThan(179 * DAY_MS);
    expect(issued.thisUpdate.getTime()).toBeLessThan(now.getTime());
  });

  it("makes openssl refuse the revoked device and accept the others", async () => {
    const issued = await createCrl(clientCa, { revoked: [{ serialNumber: revokedDevice.serialNumber, revokedAt: now }], now });
    const files = {
      "trust.pem": `${root.certificatePem}${clientCa.certificatePem}`,
      "crl.pem": issued.crlPem,
      "revoked.pem": revokedDevice.certificatePem,
      "active.pem": activeDevice.certificatePem,
    };
    const revoked = openssl(["verify", "-crl_check", "-CAfile", "{trust.pem}", "-CRLfile", "{crl.pem}", "{revoked.pem}"], files);
    expect(revoked.ok).toBe(false);
    expect(revoked.output).toContain("certificate revoked");
    const active = openssl(["verify", "-crl_check", "-CAfile", "{trust.pem}", "-CRLfile", "{crl.pem}", "{active.pem}"], files);
    expect(active.output).toContain(": OK");
  });

  it("can be empty, numbers itself by issue time, and grows that number", async () => {
    const first = await createCrl(clientCa, { revoked: [], now });
    const later = await createCrl(clientCa, { revoked: [], now: new Date(now.getTime() + 1000) });
    expect(first.crlNumber).toBe(BigInt(now.getTime()));
    expect(later.crlNumber).toBeGreaterThan(first.crlNumber);
    const text = openssl(["crl", "-in", "{crl.pem}", "-noout", "-text"], { "crl.pem": first.crlPem });
    expect(text.output).toContain("No Revoked Certificates.");
    expect(text.output).toContain(`X509v3 CRL Number: \n                ${first.crlNumber}`);
  });

  it("rejects bad serials, too many entries, and a CA that is not one", async () => {
    await expect(createCrl(clientCa, { revoked: [{ serialNumber: "xyz", revokedAt: now }], now })).rejects.toThrow("hexadecimal");
    const tooMany = Array.from({ length: MAX_CRL_ENTRIES + 1 }, (_, i) => ({ serialNumber: (i + 1).toString(16), revokedAt: now }));
    await expect(createCrl(clientCa, { revoked: tooMany, now })).rejects.toThrow(`at most ${MAX_CRL_ENTRIES}`);
    await expect(createCrl(activeDevice, { revoked: [], now })).rejects.toThrow("not a certificate authority");
    await expect(createCrl(clientCa, { revoked: [], crlNumber: 2n ** 160n, now })).rejects.toThrow("20 octets");
  });
});
