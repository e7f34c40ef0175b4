import { randomBytes } from "node:crypto";
import { generateRsaKeyPair, importSigningKey, privateKeyMatchesCertificate, privateKeyToPem, SIGNING_ALGORITHM } from "@/lib/pki/rsa-keys";
import { x509 } from "@/lib/pki/x509";

/** A certificate with its key, as lib/pki hands it out. Store `privateKeyPem` only encrypted (lib/crypto). */
export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** The issuers above this certificate, nearest first, as concatenated PEM; empty for a root. */
  chainPem: string;
  /** Lowercase hex, as DescribeClientVpnConnections and CRL entries compare it (case-insensitively). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

/** What signing needs of a CA: its certificate, its (decrypted) key and the chain above it. */
export type CertificateAuthority = Pick<IssuedCertificate, "certificatePem" | "privateKeyPem" | "chainPem">;

/** Backdating notBefore tolerates clocks on AWS's side and on laptops running a little behind. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const DAY_MS = 24 * 60 * 60_000;

/** 128 random bits: unguessable (RFC 5280 §4.1.2.2 allows up to 20 octets) and unique without a counter. */
export function randomSerialNumber(): string {
  return randomBytes(16).toString("hex");
}

export interface IssueParams {
  subject: x509.JsonName;
  /** null for a self-signed root. */
  issuer: CertificateAuthority | null;
  now: Date;
  /** Requested end of validity; shortened to the issuer's so no certificate outlives its CA. */
  notAfter: Date;
  /** Everything but the key identifiers, which are derived here from the keys. */
  extensions: x509.Extension[];
}

export async function issueCertificate(params: IssueParams): Promise<IssuedCertificate> {
  const keys = await generateRsaKeyPair();
  const signer = params.issuer ? await loadIssuer(params.issuer) : null;
  const notBefore = new Date(params.now.getTime() - CLOCK_SKEW_MS);
  const notAfter = signer && signer.certificate.notAfter < params.notAfter ? signer.certificate.notAfter : params.notAfter;
  if (notAfter <= params.now) throw new Error("The certificate would already be expired: its end of validity is in the past.");

  const subjectKeyId = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const authorityKeyId = signer
    ? await authorityKeyIdentifier(signer.certificate)
    : new x509.AuthorityKeyIdentifierExtension(subjectKeyId.keyId);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: params.subject,
    issuer: signer ? signer.certificate.subjectName : params.subject,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: signer ? signer.key : keys.privateKey,
    extensions: [...params.extensions, subjectKeyId, authorityKeyId],
  });

  return {
    certificatePem: pemBlock(certificate.toString("pem")),
    privateKeyPem: pemBlock(await privateKeyToPem(keys.privateKey)),
    chainPem: params.issuer ? concatenatePem(params.issuer.certificatePem, params.issuer.chainPem) : "",
    serialNumber: certificate.serialNumber.toLowerCase(),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

export interface LoadedIssuer {
  certificate: x509.X509Certificate;
  key: CryptoKey;
}

/** Parses a CA for signing and checks it is one, so a leaf certificate can never sign by mistake. */
export async function loadIssuer(ca: CertificateAuthority): Promise<LoadedIssuer> {
  const certificate = new x509.X509Certificate(ca.certificatePem);
  const constraints = certificate.getExtension(x509.BasicConstraintsExtension);
  if (!constraints?.ca) throw new Error("The issuing certificate is not a certificate authority.");
  if (!privateKeyMatchesCertificate(ca.privateKeyPem, ca.certificatePem)) {
    throw new Error("The CA's private key does not belong to its certificate.");
  }
  return { certificate, key: await importSigningKey(ca.privateKeyPem) };
}

/** Points at the issuer's own key identifier so chain builders match on it, not on names alone. */
export async function authorityKeyIdentifier(issuer: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const keyId = issuer.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  return keyId ? new x509.AuthorityKeyIdentifierExtension(keyId) : x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey);
}

/** Joins PEM blocks one per line, skipping empty ones; ACM and OpenVPN read chains in this form. */
export function concatenatePem(...blocks: string[]): string {
  return blocks
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => `${b}\n`)
    .join("");
}

function pemBlock(pem: string): string {
  return `${pem.trim()}\n`;
}
