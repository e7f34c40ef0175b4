import type { X509Certificate } from "node:crypto";
import { stateAt } from "@/lib/sandbox/lifecycle";
import type { BaseContext } from "@/lib/sandbox/services/service";
import type { AcmCertificateRecord } from "@/lib/sandbox/state/schema";
import {
  certificateSignatureOid,
  commonName,
  distinguishedName,
  dnsNames,
  keyAlgorithm,
  parseCertificates,
  signatureAlgorithm,
} from "@/lib/sandbox/x509/certificates";

const EXTENDED_KEY_USAGES: Readonly<Record<string, string>> = {
  "1.3.6.1.5.5.7.3.1": "TLS_WEB_SERVER_AUTHENTICATION",
  "1.3.6.1.5.5.7.3.2": "TLS_WEB_CLIENT_AUTHENTICATION",
  "1.3.6.1.5.5.7.3.3": "CODE_SIGNING",
  "1.3.6.1.5.5.7.3.4": "EMAIL_PROTECTION",
  "1.3.6.1.5.5.7.3.8": "TIME_STAMPING",
  "1.3.6.1.5.5.7.3.9": "OCSP_SIGNING",
};

export interface LoadedCertificate {
  certificate: X509Certificate;
  chain: X509Certificate[];
}

/** The stored PEMs parsed back: they were validated at import, so a failure here is a bug. */
export function loadCertificate(record: AcmCertificateRecord): LoadedCertificate {
  const [certificate] = parseCertificates(record.certificatePem);
  if (!certificate) throw new Error(`Stored certificate ${record.arn} has no certificate.`);
  return { certificate, chain: record.chainPem ? parseCertificates(record.chainPem) : [] };
}

/** ACM's domain name: the subject CN, else the first DNS name of the SAN extension. */
export function domainName(certificate: X509Certificate): string | undefined {
  return commonName(certificate) ?? dnsNames(certificate)[0];
}

export function subjectAlternativeNames(certificate: X509Certificate): string[] {
  const names = dnsNames(certificate);
  const domain = domainName(certificate);
  return domain && !names.includes(domain) ? [domain, ...names] : names;
}

function colonSerial(certificate: X509Certificate): string {
  const hex = certificate.serialNumber.toLowerCase();
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return even.match(/../g)?.join(":") ?? even;
}

/** Client VPN endpoints (the only AWS resources this cloud attaches certificates to) using it. */
export function certificateUsers(context: BaseContext, arn: string): string[] {
  return Object.values(context.regionState.clientVpnEndpoints)
    .filter((endpoint) => stateAt(endpoint.lifecycle, context.now) !== "deleted")
    .filter((endpoint) => endpoint.serverCertificateArn === arn || endpoint.clientRootCertificateChainArn === arn)
    .map((endpoint) => `arn:aws:ec2:${context.region}:${endpoint.ownerId}:client-vpn-endpoint/${endpoint.id}`);
}

export function certificateStatus(certificate: X509Certificate, now: number): "ISSUED" | "EXPIRED" {
  return Date.parse(certificate.validTo) <= now ? "EXPIRED" : "ISSUED";
}

function extendedKeyUsages(certificate: X509Certificate) {
  return (certificate.keyUsage ?? []).map((oid) => ({
    Name: Object.hasOwn(EXTENDED_KEY_USAGES, oid) ? EXTENDED_KEY_USAGES[oid] : "CUSTOM",
    OID: oid,
  }));
}

export function certificateDetail(context: BaseContext, record: AcmCertificateRecord) {
  const { certificate } = loadCertificate(record);
  return {
    CertificateArn: record.arn,
    DomainName: domainName(certificate),
    SubjectAlternativeNames: subjectAlternativeNames(certificate),
    Serial: colonSerial(certificate),
    Subject: distinguishedName(certificate.subject),
    Issuer: distinguishedName(certificate.issuer),
    ImportedAt: new Date(record.importedAt),
    Status: certificateStatus(certificate, context.now),
    NotBefore: new Date(certificate.validFrom),
    NotAfter: new Date(certificate.validTo),
    KeyAlgorithm: keyAlgorithm(certificate.publicKey) ?? undefined,
    SignatureAlgorithm: signatureAlgorithm(certificateSignatureOid(certificate))?.name,
    InUseBy: certificateUsers(context, record.arn),
    Type: "IMPORTED",
    ExtendedKeyUsages: extendedKeyUsages(certificate),
    RenewalEligibility: "INELIGIBLE",
  };
}

export function certificateSummary(context: BaseContext, record: AcmCertificateRecord) {
  const { certificate } = loadCertificate(record);
  const names = subjectAlternativeNames(certificate);
  return {
    CertificateArn: record.arn,
    DomainName: domainName(certificate),
    SubjectAlternativeNameSummaries: names.slice(0, 100),
    HasAdditionalSubjectAlternativeNames: names.length > 100,
    Status: certificateStatus(certificate, context.now),
    Type: "IMPORTED",
    KeyAlgorithm: keyAlgorithm(certificate.publicKey) ?? undefined,
    ExtendedKeyUsages: extendedKeyUsages(certificate).map((usage) => usage.Name),
    InUse: certificateUsers(context, record.arn).length > 0,
    RenewalEligibility: "INELIGIBLE",
    NotBefore: new Date(certificate.validFrom),
    NotAfter: new Date(certificate.validTo),
    ImportedAt: new Date(record.importedAt),
  };
}
