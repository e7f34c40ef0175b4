import { X509Certificate } from "node:crypto";
import type { JsonParams } from "@/lib/sandbox/protocols/json-params";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, ActionSpec, BaseContext } from "@/lib/sandbox/services/service";
import {
  certificateDetail,
  certificateSummary,
  certificateStatus,
  certificateUsers,
} from "@/lib/sandbox/services/acm/certificate-details";
import type { AcmCertificateRecord } from "@/lib/sandbox/state/schema";
import { issuerAmong, keyAlgorithm, privateKeyMatches, toPem } from "@/lib/sandbox/x509/certificates";
import { hasStrayText, pemBlocks } from "@/lib/sandbox/x509/pem";

type Context = ActionContext<JsonParams>;

/** ACM quotas: 2,500 imported certificates per account and region; 50 tags per certificate. */
const IMPORTED_QUOTA = 2500;
const TAG_QUOTA = 50;
/** ACM's documented size limits for ImportCertificate's blobs. */
const MAX_CERTIFICATE_BYTES = 32768;
const MAX_PRIVATE_KEY_BYTES = 5120;
const MAX_CHAIN_BYTES = 2097152;
const ARN_PATTERN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;
const PRIVATE_KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

function validation(message: string): SandboxError {
  return new SandboxError("ValidationException", message);
}

function notFound(arn: string): SandboxError {
  return new SandboxError("ResourceNotFoundException", `Could not find certificate ${arn}.`);
}

/** JSON protocols carry blobs as base64: the PEM text is inside. */
function blobText(params: JsonParams, name: string, maxBytes: number): string | undefined {
  const encoded = params.string(name);
  if (encoded === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw new SandboxError("SerializationException", `${name} is not valid base64.`);
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length === 0) throw validation(`Value at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (bytes.length > maxBytes) throw validation(`${name} must be at most ${maxBytes} bytes.`);
  return bytes.toString("utf8");
}

function readArn(context: Context, name: string): string {
  const arn = context.params.requiredString(name);
  const match = ARN_PATTERN.exec(arn);
  if (!match) throw new SandboxError("InvalidArnException", `String '${arn}' is not a valid ARN.`);
  if (match[1] !== context.region || match[2] !== context.accountId) throw notFound(arn);
  return arn;
}

function findCertificate(context: Context, name = "CertificateArn"): AcmCertificateRecord {
  const arn = readArn(context, name);
  const record = context.regionState.acmCertificates[arn];
  if (!record || record.ownerId !== context.accountId || context.hiddenSinceCreate(record.createdAt)) throw notFound(arn);
  return record;
}

function readTags(context: Context): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of context.params.structList("Tags")) {
    const key = tag.requiredString("Key");
    const value = tag.string("Value") ?? "";
    if (key.length > 128 || value.length > 256 || key.toLowerCase().startsWith("aws:")) {
      throw new SandboxError("InvalidTagException", `The tag '${key}' is invalid: keys take at most 128 characters, values 256, and aws: is reserved.`);
    }
    tags[key] = value;
  }
  return tags;
}

function singleCertificate(text: string): X509Certificate {
  const blocks = pemBlocks(text);
  if (blocks.length !== 1 || blocks[0].label !== "CERTIFICATE" || hasStrayText(text)) {
    throw validation("The certificate field contains more than one certificate. You can specify only one certificate in this field.");
  }
  try {
    return new X509Certificate(blocks[0].der);
  } catch {
    throw validation("Unable to parse certificate. Please ensure the certificate is in PEM format.");
  }
}

function chainCertificates(text: string): X509Certificate[] {
  const blocks = pemBlocks(text);
  if (blocks.length === 0 || blocks.some((block) => block.label !== "CERTIFICATE") || hasStrayText(text)) {
    throw validation("Unable to parse certificate chain. Please ensure the chain is in PEM format.");
  }
  try {
    return blocks.map((block) => singleCertificate(block.text));
  } catch {
    throw validation("Unable to parse certificate chain. Please ensure the chain is in PEM format.");
  }
}

function checkPrivateKey(text: string, certificate: X509Certificate): void {
  const blocks = pemBlocks(text);
  if (blocks.length === 1 && blocks[0].label === "ENCRYPTED PRIVATE KEY") {
    throw validation("The private key is encrypted. ACM imports only unencrypted private keys.");
  }
  if (blocks.length !== 1 || !PRIVATE_KEY_LABELS.includes(blocks[0].label) || hasStrayText(text)) {
    throw validation("Unable to parse key; the key must be a single PEM-encoded private key.");
  }
  let matches: boolean;
  try {
    matches = privateKeyMatches(blocks[0].text, certificate);
  } catch {
    throw validation("Unable to parse key; the key must be a single PEM-encoded private key.");
  }
  if (!matches) throw validation("The private key does not match the public key in the certificate.");
}

/** The chain must lead from the certificate upwards, each certificate issued by the next. */
function checkChain(certificate: X509Certificate, chain: readonly X509Certificate[]): void {
  let current = certificate;
  for (const next of chain) {
    if (!issuerAmong(current, [next])) throw validation("Could not validate the certificate with the certificate chain.");
    current = next;
  }
}

function importCertificate(context: Context): AcmCertificateRecord {
  const params = context.params;
  const certificateText = blobText(params, "Certificate", MAX_CERTIFICATE_BYTES);
  if (certificateText === undefined) throw validation("Value null at 'certificate' failed to satisfy constraint: Member must not be null");
  const keyText = blobText(params, "PrivateKey", MAX_PRIVATE_KEY_BYTES);
  if (keyText === undefined) throw validation("Value null at 'privateKey' failed to satisfy constraint: Member must not be null");
  const chainText = blobText(params, "CertificateChain", MAX_CHAIN_BYTES);

  const certificate = singleCertificate(certificateText);
  if (!keyAlgorithm(certificate.publicKey)) {
    throw validation("The certificate's key algorithm is not supported: use RSA 1024-4096 or EC P-256, P-384 or P-521.");
  }
  const from = Date.parse(certificate.validFrom);
  if (from > context.now) throw validation("The certificate is not yet valid.");
  if (certificateStatus(certificate, context.now) === "EXPIRED") throw validation("The certificate has expired.");
  checkPrivateKey(keyText, certificate);
  const chain = chainText === undefined ? [] : chainCertificates(chainText);
  checkChain(certificate, chain);
  const chainPem = chain.length > 0 ? chain.map(toPem).join("") : undefined;

  if (params.has("CertificateArn")) {
    // Re-import: same ARN, new material; what uses it keeps using it (certificate rotation).
    const existing = findCertificate(context);
    if (params.has("Tags")) throw validation("Tags cannot be specified when re-importing a certificate.");
    existing.certificatePem = toPem(certificate);
    existing.chainPem = chainPem;
    existing.importedAt = context.now;
    return existing;
  }
  const owned = Object.values(context.regionState.acmCertificates).filter((record) => record.ownerId === context.accountId);
  if (owned.length >= IMPORTED_QUOTA) {
    throw new SandboxError("LimitExceededException", `Exceeded the quota of ${IMPORTED_QUOTA} imported certificates.`);
  }
  const tags = readTags(context);
  if (Object.keys(tags).length > TAG_QUOTA) throw new SandboxError("TooManyTagsException", `A certificate can have at most ${TAG_QUOTA} tags.`);
  // ACM's ARNs end in a random UUID; the PRNG keeps them reproducible for a seeded cloud.
  const uuid = [8, 4, 4, 4, 12].map((length) => context.prng.hex(length)).join("-");
  const record: AcmCertificateRecord = {
    arn: `arn:aws:acm:${context.region}:${context.accountId}:certificate/${uuid}`,
    ownerId: context.accountId,
    certificatePem: toPem(certificate),
    chainPem,
    importedAt: context.now,
    createdAt: context.now,
    tags,
  };
  context.regionState.acmCertificates[record.arn] = record;
  return record;
}

function listOffset(context: Context): number {
  const token = context.params.string("NextToken");
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxError("InvalidArgsException", "The NextToken is not valid.");
  return offset;
}

export const certificateActions: Record<string, ActionSpec<JsonParams>> = {
  ImportCertificate: {
    mutates: true,
    run(context) {
      const record = importCertificate(context);
      context.recordCreated(record.arn);
      return { CertificateArn: record.arn };
    },
  },
  DescribeCertificate: {
    mutates: false,
    run: (context) => ({ Certificate: certificateDetail(context, findCertificate(context)) }),
  },
  GetCertificate: {
    mutates: false,
    run(context) {
      // An imported certificate's chain is returned only when it was imported with one.
      const record = findCertificate(context);
      return { Certificate: record.certificatePem, CertificateChain: record.chainPem };
    },
  },
  ListCertificates: {
    mutates: false,
    run(context) {
      const params = context.params;
      const statuses = params.list("CertificateStatuses");
      // ListCertificates answers RSA_2048 certificates unless Includes.keyTypes asks for others (API reference).
      const keyTypes = params.struct("Includes").list("keyTypes");
      const wantedKeyTypes = keyTypes.length > 0 ? keyTypes : ["RSA_2048"];
      const maxItems = params.integer("MaxItems") ?? 1000;
      if (maxItems < 1 || maxItems > 1000) throw validation("Value at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
      const summaries = Object.values(context.regionState.acmCertificates)
        .filter((record) => record.ownerId === context.accountId && !context.hiddenSinceCreate(record.createdAt))
        .sort((a, b) => a.createdAt - b.createdAt || (a.arn < b.arn ? -1 : 1))
        .map((record) => certificateSummary(context, record))
        .filter((summary) => statuses.length === 0 || statuses.includes(summary.Status))
        .filter((summary) => summary.KeyAlgorithm !== undefined && wantedKeyTypes.includes(summary.KeyAlgorithm));
      const offset = listOffset(context);
      const page = summaries.slice(offset, offset + maxItems);
      const next = offset + maxItems < summaries.length ? Buffer.from(String(offset + maxItems), "utf8").toString("base64url") : undefined;
      return { CertificateSummaryList: page, NextToken: next };
    },
  },
  DeleteCertificate: {
    mutates: true,
    run(context) {
      const record = findCertificate(context);
      const users = certificateUsers(context, record.arn);
      if (users.length > 0) {
        throw new SandboxError("ResourceInUseException", `Certificate ${record.arn} is in use by ${users.join(", ")}.`);
      }
      delete context.regionState.acmCertificates[record.arn];
      return {};
    },
  },
  AddTagsToCertificate: {
    mutates: true,
    run(context) {
      const record = findCertificate(context);
      const tags = readTags(context);
      if (Object.keys(tags).length === 0) throw validation("Value null at 'tags' failed to satisfy constraint: Member must not be null");
      if (Object.keys({ ...record.tags, ...tags }).length > TAG_QUOTA) {
        throw new SandboxError("TooManyTagsException", `A certificate can have at most ${TAG_QUOTA} tags.`);
      }
      Object.assign(record.tags, tags);
      return {};
    },
  },
  ListTagsForCertificate: {
    mutates: false,
    run(context) {
      const record = findCertificate(context);
      return { Tags: Object.entries(record.tags).map(([Key, Value]) => ({ Key, Value })) };
    },
  },
};

/** Exposed for the Client VPN actions, which reference certificates by ARN in the same region. */
export function acmCertificate(context: BaseContext, arn: string): AcmCertificateRecord | undefined {
  const record = context.regionState.acmCertificates[arn];
  return record && record.ownerId === context.accountId ? record : undefined;
}
