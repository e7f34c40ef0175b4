import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { TAG, children, decodeOid, expectTag, readNode } from "@/lib/sandbox/x509/der";
import { pemBlocks } from "@/lib/sandbox/x509/pem";

/** ACM's KeyAlgorithm names. */
export type KeyAlgorithm = "RSA_1024" | "RSA_2048" | "RSA_3072" | "RSA_4096" | "EC_prime256v1" | "EC_secp384r1" | "EC_secp521r1";

const SIGNATURE_ALGORITHMS: Readonly<Record<string, { name: string; hash: string }>> = {
  "1.2.840.113549.1.1.5": { name: "SHA1WITHRSA", hash: "sha1" },
  "1.2.840.113549.1.1.11": { name: "SHA256WITHRSA", hash: "sha256" },
  "1.2.840.113549.1.1.12": { name: "SHA384WITHRSA", hash: "sha384" },
  "1.2.840.113549.1.1.13": { name: "SHA512WITHRSA", hash: "sha512" },
  "1.2.840.10045.4.3.2": { name: "SHA256WITHECDSA", hash: "sha256" },
  "1.2.840.10045.4.3.3": { name: "SHA384WITHECDSA", hash: "sha384" },
  "1.2.840.10045.4.3.4": { name: "SHA512WITHECDSA", hash: "sha512" },
};

export function signatureAlgorithm(oid: string): { name: string; hash: string } | undefined {
  return Object.hasOwn(SIGNATURE_ALGORITHMS, oid) ? SIGNATURE_ALGORITHMS[oid] : undefined;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID ... }, signature } */
export function certificateSignatureOid(certificate: X509Certificate): string {
  const der = certificate.raw;
  const root = expectTag(readNode(der, 0), TAG.sequence, "a certificate");
  const algorithm = expectTag(children(der, root)[1], TAG.sequence, "a signature algorithm");
  return decodeOid(der, expectTag(children(der, algorithm)[0], TAG.oid, "an algorithm OID"));
}

export function keyAlgorithm(key: KeyObject): KeyAlgorithm | null {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "rsa" && details?.modulusLength) {
    const name = `RSA_${details.modulusLength}`;
    return name === "RSA_1024" || name === "RSA_2048" || name === "RSA_3072" || name === "RSA_4096" ? name : null;
  }
  if (key.asymmetricKeyType === "ec") {
    if (details?.namedCurve === "prime256v1") return "EC_prime256v1";
    if (details?.namedCurve === "secp384r1") return "EC_secp384r1";
    if (details?.namedCurve === "secp521r1") return "EC_secp521r1";
  }
  return null;
}

/** The certificates in a PEM text, in order; throws when a CERTIFICATE block does not parse. */
export function parseCertificates(text: string): X509Certificate[] {
  return pemBlocks(text)
    .filter((block) => block.label === "CERTIFICATE")
    .map((block) => new X509Certificate(block.der));
}

export function toPem(certificate: X509Certificate): string {
  return certificate.toString().trim() + "\n";
}

/** Whether a PEM private key (unencrypted) is the key of `certificate`. */
export function privateKeyMatches(privateKeyPem: string, certificate: X509Certificate): boolean {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem));
  const expected = certificate.publicKey.export({ type: "spki", format: "der" });
  return publicKey.export({ type: "spki", format: "der" }).equals(expected);
}

/** Whether `certificate` was issued (name and signature) by one of `issuers`. */
export function issuerAmong(certificate: X509Certificate, issuers: readonly X509Certificate[]): X509Certificate | undefined {
  return issuers.find((issuer) => certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey));
}

/** "CN=a\nO=b" (node's form) as "CN=a,O=b" (ACM's). */
export function distinguishedName(text: string): string {
  return text.split("\n").filter(Boolean).join(",");
}

export function commonName(certificate: X509Certificate): string | undefined {
  const line = certificate.subject.split("\n").find((part) => part.startsWith("CN="));
  return line?.slice(3);
}

/** DNS names from the subject alternative name extension, in order. */
export function dnsNames(certificate: X509Certificate): string[] {
  const text = certificate.subjectAltName;
  if (!text) return [];
  return text
    .split(", ")
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4));
}
