import { DAY_MS, issueCertificate, type CertificateAuthority, type IssuedCertificate } from "@/lib/pki/issue-certificate";
import { x509 } from "@/lib/pki/x509";

/**
 * The longest lifetime common TLS stacks accept for a server certificate; imported ACM certificates
 * never renew themselves, so ca.ts documents the re-import before this runs out.
 */
export const SERVER_CERTIFICATE_VALIDITY_DAYS = 825;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface ServerCertificateParams {
  region: string;
  /** Defaults to `server.<region>.onramp.internal`; ACM import needs a domain name in CN/SAN. */
  domainName?: string;
  now?: Date;
  validityDays?: number;
}

/** The Client VPN endpoint's certificate: serverAuth, so OpenVPN's `remote-cert-tls server` accepts it. */
export async function issueServerCertificate(
  root: CertificateAuthority,
  params: ServerCertificateParams,
): Promise<IssuedCertificate> {
  if (!REGION.test(params.region)) throw new Error("The region must be an AWS region code such as us-east-1.");
  const domainName = params.domainName ?? `server.${params.region}.onramp.internal`;
  if (!DOMAIN_NAME.test(domainName)) throw new Error("The server certificate needs a valid lowercase domain name.");
  const now = params.now ?? new Date();
  return issueCertificate({
    subject: [{ CN: [domainName] }, { O: ["Onramp"] }],
    issuer: root,
    now,
    notAfter: new Date(now.getTime() + (params.validityDays ?? SERVER_CERTIFICATE_VALIDITY_DAYS) * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: domainName }]),
    ],
  });
}
