import { CLIENT_CA_VALIDITY_DAYS } from "@/lib/pki/ca";
import { DAY_MS, issueCertificate, type CertificateAuthority, type IssuedCertificate } from "@/lib/pki/issue-certificate";
import { x509 } from "@/lib/pki/x509";

/**
 * The certificate a Client VPN endpoint's ClientRootCertificateChainArn points at. The endpoint
 * trusts client certificates issued by the chain of that ACM certificate; AWS's own mutual
 * authentication guide imports a client certificate with its CA chain. Importing this leaf of the
 * client CA (chain: client CA, root) instead of the client CA itself keeps the CA's private key out
 * of ACM, since ImportCertificate always takes the certificate's key. The leaf's own key is used
 * for that import and never stored; the leaf lives as long as the client CA.
 */
export async function issueClientTrustCertificate(clientCa: CertificateAuthority, params: { region: string; now?: Date }): Promise<IssuedCertificate> {
  const now = params.now ?? new Date();
  return issueCertificate({
    subject: [{ CN: [`client-trust.${params.region}.onramp.internal`] }, { O: ["Onramp"] }],
    issuer: clientCa,
    now,
    notAfter: new Date(now.getTime() + CLIENT_CA_VALIDITY_DAYS * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
}
