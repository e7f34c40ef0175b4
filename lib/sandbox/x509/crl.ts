import { verify, type X509Certificate } from "node:crypto";
import { signatureAlgorithm } from "@/lib/sandbox/x509/certificates";
import {
  DerError,
  TAG,
  children,
  content,
  decodeOid,
  decodeSerial,
  decodeTime,
  encoding,
  expectTag,
  readNode,
} from "@/lib/sandbox/x509/der";

export interface ParsedCrl {
  thisUpdate: number;
  nextUpdate?: number;
  /** Revoked serial numbers, normalized (upper-case hex, no leading zeros). */
  revokedSerials: string[];
  signatureHash: string;
  tbs: Uint8Array;
  signature: Uint8Array;
}

export class CrlError extends Error {}

/**
 * RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature, issuer, thisUpdate,
 *   nextUpdate OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE { serial, date, ... } OPTIONAL,
 *   [0] crlExtensions OPTIONAL }
 */
export function parseCrl(der: Uint8Array): ParsedCrl {
  try {
    const root = expectTag(readNode(der, 0), TAG.sequence, "a CertificateList");
    if (root.end !== der.length) throw new CrlError("Trailing data after the CRL.");
    const [tbsNode, algorithmNode, signatureNode] = children(der, root);
    expectTag(tbsNode, TAG.sequence, "a TBSCertList");
    const algorithm = expectTag(algorithmNode, TAG.sequence, "a signature algorithm");
    const oid = decodeOid(der, expectTag(children(der, algorithm)[0], TAG.oid, "an algorithm OID"));
    const hash = signatureAlgorithm(oid)?.hash;
    if (!hash) throw new CrlError(`Unsupported CRL signature algorithm ${oid}.`);
    const bits = content(der, expectTag(signatureNode, TAG.bitString, "a signature"));
    if (bits.length < 2 || bits[0] !== 0) throw new CrlError("Malformed CRL signature.");

    const fields = children(der, tbsNode);
    let index = fields[0]?.tag === TAG.integer ? 1 : 0;
    expectTag(fields[index], TAG.sequence, "the inner signature algorithm");
    expectTag(fields[index + 1], TAG.sequence, "the issuer name");
    index += 2;
    const thisUpdateNode = fields[index];
    if (!thisUpdateNode) throw new CrlError("The CRL has no thisUpdate.");
    const thisUpdate = decodeTime(der, thisUpdateNode);
    index += 1;
    let nextUpdate: number | undefined;
    const maybeNext = fields[index];
    if (maybeNext && (maybeNext.tag === TAG.utcTime || maybeNext.tag === TAG.generalizedTime)) {
      nextUpdate = decodeTime(der, maybeNext);
      index += 1;
    }
    const revokedSerials: string[] = [];
    const maybeRevoked = fields[index];
    if (maybeRevoked && maybeRevoked.tag === TAG.sequence) {
      for (const entry of children(der, maybeRevoked)) {
        const [serial, date] = children(der, expectTag(entry, TAG.sequence, "a revoked certificate entry"));
        revokedSerials.push(decodeSerial(der, expectTag(serial, TAG.integer, "a serial number")));
        if (!date) throw new CrlError("A revoked certificate entry has no revocation date.");
        decodeTime(der, date);
      }
    }
    return { thisUpdate, nextUpdate, revokedSerials, signatureHash: hash, tbs: encoding(der, tbsNode), signature: bits.subarray(1) };
  } catch (error) {
    if (error instanceof DerError) throw new CrlError(`The CRL is not valid DER: ${error.message}`);
    throw error;
  }
}

/** Whether the CRL's signature verifies with the certificate's key: the CRL was issued by it. */
export function crlSignedBy(crl: ParsedCrl, issuer: X509Certificate): boolean {
  try {
    return verify(crl.signatureHash, crl.tbs, issuer.publicKey, crl.signature);
  } catch {
    // A key of another type (EC key, RSA signature) cannot have signed it.
    return false;
  }
}
