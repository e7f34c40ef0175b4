import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createClientCa, createRootCa } from "./ca";
import { issueClientCertificate } from "./client-certificate";
import { issueClientTrustCertificate } from "./client-trust-certificate";
import type { IssuedCertificate } from "./issue-certificate";
import { privateKeyMatchesCertificate } from "./rsa-keys";

let root: IssuedCertificate;
let clientCa: IssuedCertificate;
let trust: IssuedCertificate;

beforeAll(async () => {
  root = await createRootCa();
  clientCa = await createClientCa(root);
  trust = await issueClientTrustCertificate(clientCa, { region: "us-east-1" });
});

describe("issueClientTrustCertificate", () => {
  it("is a leaf of the client CA whose chain leads through the client CA to the root", () => {
    const certificate = new X509Certificate(trust.certificatePem);
    const ca = new X509Certificate(clientCa.certificatePem);
    expect(certificate.ca).toBe(false);
    expect(certificate.checkIssued(ca) && certificate.verify(ca.publicKey)).toBe(true);
    const chain = trust.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/).filter(Boolean).map((pem) => new X509Certificate(pem));
    expect(chain.map((c) => c.fingerprint256)).toEqual([ca.fingerprint256, new X509Certificate(root.certificatePem).fingerprint256]);
    expect(certificate.subject).toContain("CN=client-trust.us-east-1.onramp.internal");
  });

  it("uses an RSA 2048 key, the largest Client VPN accepts, and lasts as long as the client CA", () => {
    const certificate = new X509Certificate(trust.certificatePem);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(certificate.validTo).toBe(new X509Certificate(clientCa.certificatePem).validTo);
    expect(privateKeyMatchesCertificate(trust.privateKeyPem, trust.certificatePem)).toBe(true);
  });

  it("shares its chain with the devices' certificates, so the endpoint trusts what the client CA issues", async () => {
    const device = await issueClientCertificate(clientCa, { tenantId: "t-1", tenantSlug: "acme", deviceId: "laptop" });
    expect(device.chainPem).toBe(trust.chainPem);
  });
});
