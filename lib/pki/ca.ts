/**
 * Onramp's certificate authorities for AWS Client VPN mutual authentication.
 *
 * Hierarchy (all RSA 2048 / SHA-256: Client VPN accepts RSA 1024 or 2048 only):
 *
 *   root CA (10 years, pathlen 1)
 *   ├── server certificate per endpoint (server-certificate.ts): imported into ACM with the root
 *   │   as its chain; it is the endpoint's ServerCertificateArn, and the root is what the exported
 *   │   .ovpn's <ca> block makes devices trust.
 *   └── client CA (5 years, pathlen 0): issues the client certificates (client-certificate.ts),
 *       signs the revocation list (crl.ts) and a trust certificate (client-trust-certificate.ts)
 *       that is imported into ACM with the client CA and root as its chain: the endpoint's
 *       ClientRootCertificateChainArn. The client CA's own key never goes to ACM.
 *
 * Both CA keys are stored only encrypted (lib/crypto, context e.g. `pki:root-ca:<id>:key`) and are
 * decrypted just to sign.
 *
 * Rotation. What makes it delicate is how AWS applies certificate changes: re-importing into the
 * same ACM ARN keeps the endpoint's association and Client VPN picks the new certificate up on its
 * own, which can take up to 24 hours; a re-import must keep the key type and size and may not drop
 * key-usage or extended-key-usage values. The endpoint trusts exactly one client CA ARN, and
 * ModifyClientVpnEndpoint can swap the server certificate but not the client CA.
 *
 * - Server certificate (825 days): at least 30 days before notAfter, issue a new one from the same
 *   root and re-import it into the endpoint's ACM ARN (or import it under a new ARN and call
 *   ModifyClientVpnEndpoint with ServerCertificateArn). Devices trust the root, not the server
 *   certificate, so no client changes. Keep the old certificate valid for the 24-hour pick-up.
 * - Client certificates: re-issued on every download (a new serial, the old one revoked), so
 *   there is nothing to rotate beyond expiry; the CRL is re-issued and re-imported before its
 *   nextUpdate and after each batch of revocations (an import resets all connections: batch them).
 * - Client CA and root CA (start at least a year before the root's notAfter, or at once after a
 *   compromise): create the new root and client CA beside the old ones (both stay usable for
 *   signing their own CRLs). Because an endpoint trusts one client CA and switching it cuts every
 *   device off until it re-downloads, move tenants blue/green: bring up new shared endpoints whose
 *   server certificate and client CA come from the new hierarchy, place tenants on them, and give
 *   each device a new configuration (a re-download issues the new certificate). Keep the old
 *   endpoints for a grace period announced to tenant admins (e.g. 30 days), then delete them,
 *   remove the old certificates from ACM and destroy the old CA keys. After a compromise the grace
 *   period is zero: revoke everything the old hierarchy issued first.
 */
import { DAY_MS, issueCertificate, type CertificateAuthority, type IssuedCertificate } from "@/lib/pki/issue-certificate";
import { x509 } from "@/lib/pki/x509";

export const ROOT_CA_VALIDITY_DAYS = 3652;
export const CLIENT_CA_VALIDITY_DAYS = 1826;

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

export interface CaParams {
  commonName?: string;
  now?: Date;
  validityDays?: number;
}

/** A self-signed root. It allows one CA below it (the client CA), which in turn allows none. */
export async function createRootCa(params: CaParams = {}): Promise<IssuedCertificate> {
  const now = params.now ?? new Date();
  return issueCertificate({
    subject: caName(params.commonName ?? "Onramp Root CA"),
    issuer: null,
    now,
    notAfter: new Date(now.getTime() + (params.validityDays ?? ROOT_CA_VALIDITY_DAYS) * DAY_MS),
    extensions: [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(CA_KEY_USAGE, true)],
  });
}

/** The client CA: issues client certificates and their CRL, and can issue no further CA. */
export async function createClientCa(root: CertificateAuthority, params: CaParams = {}): Promise<IssuedCertificate> {
  const now = params.now ?? new Date();
  return issueCertificate({
    subject: caName(params.commonName ?? "Onramp Client CA"),
    issuer: root,
    now,
    notAfter: new Date(now.getTime() + (params.validityDays ?? CLIENT_CA_VALIDITY_DAYS) * DAY_MS),
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(CA_KEY_USAGE, true)],
  });
}

function caName(commonName: string): x509.JsonName {
  return [{ CN: [commonName] }, { O: ["Onramp"] }];
}
