import { beforeAll, describe, expect, it } from "vitest";
import { createRootCa } from "./ca";
import { DAY_MS, type IssuedCertificate } from "./issue-certificate";
import { privateKeyMatchesCertificate } from "./rsa-keys";
import { issueServerCertificate } from "./server-certificate";
import { opensslCli } from "./testing/openssl-cli";
import { x509 } from "./x509";

const openssl = opensslCli();

const now = new Date();
let root: IssuedCertificate;
let server: IssuedCertificate;

beforeAll(async () => {
  root = await createRootCa({ now });
  server = await issueServerCertificate(root, { region: "eu-west-1", now });
});

describe("issueServerCertificate", () => {
  it("names the endpoint in CN and SAN, as ACM import requires", () => {
    const cert = new x509.X509Certificate(server.certificatePem);
    expect(cert.subject).toBe("CN=server.eu-west-1.onramp.internal, O=Onramp");
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.toJSON()).toEqual([{ type: "dns", value: "server.eu-west-1.onramp.internal" }]);
  });

  it("is a serverAuth leaf with RSA 2048 that OpenVPN's remote-cert-tls server accepts", () => {
    const cert = new x509.X509Certificate(server.certificatePem);
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(cert.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    );
    expect(cert.publicKey.algorithm).toMatchObject({ modulusLength: 2048 });
    const text = openssl(["x509", "-in", "{s.pem}", "-noout", "-text"], { "s.pem": server.certificatePem });
    expect(text.output).toContain("Public-Key: (2048 bit)");
    expect(text.output).toMatch(/X509v3 Extended Key Usage: \s+TLS Web Server Authentication/);
  });

  it("chains to the root (openssl, as an SSL server, and the library's chain builder)", async () => {
    expect(server.chainPem).toBe(root.certificatePem);
    const verified = openssl(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "{chain.pem}", "{s.pem}"], {
      "chain.pem": server.chainPem,
      "s.pem": server.certificatePem,
    });
    expect(verified.output).toContain(": OK");
    const rootCert = new x509.X509Certificate(root.certificatePem);
    const chain = await new x509.X509ChainBuilder({ certificates: [rootCert] }).build(new x509.X509Certificate(server.certificatePem));
    expect(chain.map((c) => c.subject)).toEqual(["CN=server.eu-west-1.onramp.internal, O=Onramp", "CN=Onramp Root CA, O=Onramp"]);
  });

  it("comes with its own PKCS#8 key", () => {
    expect(server.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(privateKeyMatchesCertificate(server.privateKeyPem, server.certificatePem)).toBe(true);
    expect(privateKeyMatchesCertificate(root.privateKeyPem, server.certificatePem)).toBe(false);
    const fromCert = openssl(["x509", "-in", "{c.pem}", "-noout", "-modulus"], { "c.pem": server.certificatePem });
    const fromKey = openssl(["rsa", "-in", "{k.pem}", "-noout", "-modulus"], { "k.pem": server.privateKeyPem });
    expect(fromKey.output).toBe(fromCert.output);
  });

  it("lasts 825 days by default", () => {
    expect(Math.round((server.notAfter.getTime() - now.getTime()) / DAY_MS)).toBe(825);
  });

  it("takes a custom domain name and rejects bad input", async () => {
    await expect(issueServerCertificate(root, { region: "not a region", now })).rejects.toThrow("AWS region code");
    await expect(issueServerCertificate(root, { region: "us-east-1", domainName: "Bad_Name", now })).rejects.toThrow(
      "valid lowercase domain name",
    );
    const custom = await issueServerCertificate(root, { region: "us-east-1", domainName: "vpn.example.com", now });
    expect(new x509.X509Certificate(custom.certificatePem).subject).toBe("CN=vpn.example.com, O=Onramp");
  });
});
