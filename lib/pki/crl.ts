import { authorityKeyIdentifier, CLOCK_SKEW_MS, DAY_MS, loadIssuer, type CertificateAuthority } from "@/lib/pki/issue-certificate";
import { SIGNING_ALGORITHM } from "@/lib/pki/rsa-keys";
import { x509 } from "@/lib/pki/x509";

/**
 * How long a list stays current. Importing a list resets every connection on the endpoint, so it
 * is re-issued rarely: on a batch of revocations, and before this runs out (verifiers may refuse an
 * out-of-date list and with it every client).
 */
export const CRL_VALIDITY_DAYS = 180;
/** Client VPN's limit on revocation list entries per endpoint. */
export const MAX_CRL_ENTRIES = 20_000;

const CRL_NUMBER_OID = "2.5.29.20";
// RFC 5280 §5.2.3: conforming verifiers handle CRL numbers up to 20 octets.
const MAX_CRL_NUMBER = 2n ** 159n;
const SERIAL = /^[0-9a-f]{1,40}$/i;

/** RFC 5280 §5.3.1 reasons that apply to a device certificate; "unspecified" omits the extension as advised. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "privilegeWithdrawn";

export interface RevokedCertificate {
  /** Hex, as IssuedCertificate.serialNumber. */
  serialNumber: string;
  revokedAt: Date;
  reason?: RevocationReason;
}

export interface CrlParams {
  revoked: readonly RevokedCertificate[];
  /**
   * Must grow with every list the CA issues (RFC 5280 §5.2.3). Defaults to the issue time in
   * milliseconds, which grows without any stored counter.
   */
  crlNumber?: bigint;
  now?: Date;
  validityDays?: number;
}

export interface IssuedCrl {
  /** `BEGIN X509 CRL` PEM, the form ImportClientVpnClientCertificateRevocationList takes. */
  crlPem: string;
  crlNumber: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
  /** The serials listed, lowercase and without duplicates. */
  serialNumbers: string[];
}

/** An X.509 v2 CRL signed by the CA that issued the revoked certificates (the client CA). */
export async function createCrl(ca: CertificateAuthority, params: CrlParams): Promise<IssuedCrl> {
  const issuer = await loadIssuer(ca);
  const usage = issuer.certificate.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  if (!(usage & x509.KeyUsageFlags.cRLSign)) throw new Error("The CA's key usage does not allow signing revocation lists.");

  const entries = uniqueBySerial(params.revoked);
  if (entries.length > MAX_CRL_ENTRIES) {
    throw new Error(`AWS Client VPN accepts at most ${MAX_CRL_ENTRIES} revoked certificates per list.`);
  }
  const now = params.now ?? new Date();
  const thisUpdate = new Date(now.getTime() - CLOCK_SKEW_MS);
  const nextUpdate = new Date(now.getTime() + (params.validityDays ?? CRL_VALIDITY_DAYS) * DAY_MS);
  const crlNumber = params.crlNumber ?? BigInt(now.getTime());
  if (crlNumber < 0n || crlNumber >= MAX_CRL_NUMBER) throw new Error("The CRL number must be a non-negative integer of at most 20 octets.");

  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    signingAlgorithm: SIGNING_ALGORITHM,
    signingKey: issuer.key,
    extensions: [await authorityKeyIdentifier(issuer.certificate), new x509.Extension(CRL_NUMBER_OID, false, derInteger(crlNumber))],
    entries: entries.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revokedAt,
      ...(entry.reason && entry.reason !== "unspecified" ? { reason: x509.X509CrlReason[entry.reason] } : {}),
    })),
  });
  return {
    // The library labels the block "CRL"; OpenSSL and AWS's import only read "X509 CRL".
    crlPem: `${x509.PemConverter.encode(crl.rawData, "X509 CRL").trim()}\n`,
    crlNumber,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate ?? nextUpdate,
    serialNumbers: entries.map((e) => e.serialNumber),
  };
}

function uniqueBySerial(revoked: readonly RevokedCertificate[]): RevokedCertificate[] {
  const bySerial = new Map<string, RevokedCertificate>();
  for (const entry of revoked) {
    if (!SERIAL.test(entry.serialNumber)) throw new Error("A revoked serial number is not a hexadecimal certificate serial.");
    const serialNumber = entry.serialNumber.toLowerCase();
    if (!bySerial.has(serialNumber)) bySerial.set(serialNumber, { ...entry, serialNumber });
  }
  return [...bySerial.values()];
}

/** DER INTEGER for a non-negative value: big-endian, minimal, a zero byte first when the top bit is set. */
function derInteger(value: bigint): Uint8Array<ArrayBuffer> {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const body = [...Buffer.from(hex, "hex")];
  const content = (body[0] ?? 0) & 0x80 ? [0, ...body] : body;
  return Uint8Array.from([0x02, content.length, ...content]);
}
