import { beforeAll, describe, expect, it } from "vitest";
import { createClientCa, createRootCa } from "./ca";
import { clientCommonName, issueClientCertificate, parseClientCommonName } from "./client-certificate";
import { DAY_MS, type IssuedCertificate } from "./issue-certificate";
import { privateKeyMatchesCertificate } from "./rsa-keys";
import { opensslCli } from "./testing/openssl-cli";
import { x509 } from "./x509";

const openssl = opensslCli();

const now = new Date();
const tenantId = "0b7e1f9a-3c44-4d1e-9a55-6f0e2b8c7d11";
const deviceId = "5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c";
let root: IssuedCertificate;
let clientCa: IssuedCertificate;
let device: IssuedCertificate;

beforeAll(async () => {
  root = await createRootCa({ now });
  clientCa = await createClientCa(root, { now });
  device = await issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId, now });
});

describe("issueClientCertificate", () => {
  it("ties the subject to tenant and device", () => {
    const cert = new x509.X509Certificate(device.certificatePem);
    expect(cert.subject).toBe(`CN=${deviceId}.initech.clients.onramp, O=${tenantId}, OU=${deviceId}`);
    expect(cert.issuer).toBe("CN=Onramp Client CA, O=Onramp");
  });

  it("is a clientAuth leaf with RSA 2048", () => {
    const cert = new x509.X509Certificate(device.certificatePem);
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect(cert.getExtension(x509.KeyUsagesExtension)?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(cert.publicKey.algorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048 });
  });

  it("chains through the client CA to the root (openssl as an SSL client, and the library)", async () => {
    expect(device.chainPem).toBe(`${clientCa.certificatePem}${root.certificatePem}`);
    const verified = openssl(
      ["verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", "{root.pem}", "-untrusted", "{ca.pem}", "{device.pem}"],
      { "root.pem": root.certificatePem, "ca.pem": clientCa.certificatePem, "device.pem": device.certificatePem },
    );
    expect(verified.output).toContain(": OK");
    const asServer = openssl(["verify", "-purpose", "sslserver", "-CAfile", "{chain.pem}", "{device.pem}"], {
      "chain.pem": device.chainPem,
      "device.pem": device.certificatePem,
    });
    expect(asServer.ok).toBe(false);

    const builder = new x509.X509ChainBuilder({
      certificates: [new x509.X509Certificate(root.certificatePem), new x509.X509Certificate(clientCa.certificatePem)],
    });
    const chain = await builder.build(new x509.X509Certificate(device.certificatePem));
    expect(chain).toHaveLength(3);
    expect(chain[2]?.subject).toBe("CN=Onramp Root CA, O=Onramp");
  });

  it("comes with the matching key", () => {
    expect(privateKeyMatchesCertificate(device.privateKeyPem, device.certificatePem)).toBe(true);
    const fromCert = openssl(["x509", "-in", "{c.pem}", "-noout", "-modulus"], { "c.pem": device.certificatePem });
    const fromKey = openssl(["rsa", "-in", "{k.pem}", "-noout", "-modulus"], { "k.pem": device.privateKeyPem });
    expect(fromKey.output).toBe(fromCert.output);
  });

  it("expires with the device, by default after a year, and never after its CA", async () => {
    expect(Math.round((device.notAfter.getTime() - now.getTime()) / DAY_MS)).toBe(365);
    const expiresAt = new Date(now.getTime() + 30 * DAY_MS);
    const shortLived = await issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId, expiresAt, now });
    expect(shortLived.notAfter.getTime()).toBe(Math.floor(expiresAt.getTime() / 1000) * 1000);
    const farFuture = new Date(now.getTime() + 20 * 365 * DAY_MS);
    const capped = await issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId, expiresAt: farFuture, now });
    expect(capped.notAfter.getTime()).toBe(clientCa.notAfter.getTime());
    await expect(
      issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId, expiresAt: new Date(now.getTime() - 1000), now }),
    ).rejects.toThrow("already be expired");
  });

  it("gets a fresh serial each time (a re-download is a new certificate)", async () => {
    const again = await issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId, now });
    expect(again.serialNumber).not.toBe(device.serialNumber);
  });

  it("rejects identifiers that cannot be part of the name", async () => {
    await expect(issueClientCertificate(clientCa, { tenantId: "", tenantSlug: "initech", deviceId, now })).rejects.toThrow("tenant id");
    await expect(issueClientCertificate(clientCa, { tenantId, tenantSlug: "Initech!", deviceId, now })).rejects.toThrow("tenant slug");
    await expect(issueClientCertificate(clientCa, { tenantId, tenantSlug: "initech", deviceId: "a.b", now })).rejects.toThrow("device id");
  });
});

describe("client common names", () => {
  it("stay within RFC 5280's 64 characters by shortening the slug, never the device id", () => {
    const name = clientCommonName("globex-corporation-international", deviceId);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toBe(`${deviceId}.globex-corpo.clients.onramp`);
    expect(clientCommonName("ab-cdefghij-long", deviceId)).toBe(`${deviceId}.ab-cdefghij.clients.onramp`);
    expect(clientCommonName("acme", "laptop-1")).toBe("laptop-1.acme.clients.onramp");
  });

  it("parse back to the device id", () => {
    expect(parseClientCommonName(`${deviceId}.initech.clients.onramp`)).toEqual({ deviceId, tenantSlugPrefix: "initech" });
    expect(parseClientCommonName("server.eu-west-1.onramp.internal")).toBeNull();
    expect(parseClientCommonName("x.y.clients.onramp.evil")).toBeNull();
  });
});
