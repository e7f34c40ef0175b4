import { DAY_MS, issueCertificate, type CertificateAuthority, type IssuedCertificate } from "@/lib/pki/issue-certificate";
import { x509 } from "@/lib/pki/x509";

/** For devices added without an expiry: a year, after which the admin re-issues. */
export const CLIENT_CERTIFICATE_VALIDITY_DAYS = 365;

const CN_SUFFIX = ".clients.onramp";
// RFC 5280's upper bounds for CommonName and OrganizationName / OrganizationalUnitName.
const MAX_NAME_LENGTH = 64;
const MAX_DEVICE_ID_LENGTH = 40;
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const COMMON_NAME = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)\.clients\.onramp$/;

export interface ClientCertificateParams {
  tenantId: string;
  tenantSlug: string;
  deviceId: string;
  /** The device's expiry; the certificate ends then (or with its CA, whichever is first). */
  expiresAt?: Date | null;
  now?: Date;
}

/**
 * `<device-id>.<tenant-slug>.clients.onramp`, within the 64 characters RFC 5280 allows: the device
 * id is kept whole (it is what identifies the certificate), the slug is shortened when needed.
 */
export function clientCommonName(tenantSlug: string, deviceId: string): string {
  if (!LABEL.test(deviceId) || deviceId.length > MAX_DEVICE_ID_LENGTH) {
    throw new Error(`The device id must be 1-${MAX_DEVICE_ID_LENGTH} lowercase letters, digits or inner hyphens.`);
  }
  if (!LABEL.test(tenantSlug)) throw new Error("The tenant slug must be lowercase letters, digits or inner hyphens.");
  const room = MAX_NAME_LENGTH - CN_SUFFIX.length - deviceId.length - 1;
  const slug = tenantSlug.slice(0, room).replace(/-+$/, "");
  return `${deviceId}.${slug}${CN_SUFFIX}`;
}

/**
 * Reads a client CommonName (e.g. from DescribeClientVpnConnections). The slug may be shortened
 * and so is no proof of tenant: look the device id up and check the tenant there.
 */
export function parseClientCommonName(commonName: string): { deviceId: string; tenantSlugPrefix: string } | null {
  const match = COMMON_NAME.exec(commonName);
  if (!match?.[1] || !match[2]) return null;
  return { deviceId: match[1], tenantSlugPrefix: match[2] };
}

/**
 * A device's certificate, issued by the client CA: clientAuth, CN as above, O = tenant id and
 * OU = device id so the subject alone says whose it is.
 */
export async function issueClientCertificate(
  clientCa: CertificateAuthority,
  params: ClientCertificateParams,
): Promise<IssuedCertificate> {
  if (!params.tenantId || params.tenantId.length > MAX_NAME_LENGTH) {
    throw new Error(`The tenant id must be 1-${MAX_NAME_LENGTH} characters.`);
  }
  const commonName = clientCommonName(params.tenantSlug, params.deviceId);
  const now = params.now ?? new Date();
  return issueCertificate({
    subject: [{ CN: [commonName] }, { O: [params.tenantId] }, { OU: [params.deviceId] }],
    issuer: clientCa,
    now,
    notAfter: params.expiresAt ?? new Date(now.getTime() + CLIENT_CERTIFICATE_VALIDITY_DAYS * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
}
